import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// The charter's representative ratio (Organic Law: 2–3 per residents' group).
enum Representatives {
    static func checkSeat(groupID: UUID?, body: GovernanceBody, term: ClosedRange<LocalDate>, on db: any Database) async throws {
        guard let groupID, let group = try await ResidentsGroup.find(groupID, on: db), group.divisionCode == body.divisionCode else {
            throw ShequError.invalid(.errorRepresentativeNeedsGroup, code: "group_required")
        }
        let rules = try await Charters.inForce(body.divisionCode, on: term.lowerBound, db: db).rules
        let serving = try await BodyMember.query(on: db).filter(\.$bodyID == body.requireID()).filter(\.$groupID == groupID)
            .filter(\.$role == .representative).all()
            .filter { $0.termStart <= term.upperBound.description && term.lowerBound.description <= $0.termEnd }
        guard serving.count < rules.representativesPerGroup.upperBound else {
            throw ShequError(.conflict, .errorTooManyRepresentatives,
                             detail: "\(group.name): \(rules.representativesPerGroup.lowerBound)–\(rules.representativesPerGroup.upperBound)",
                             code: "too_many_representatives")
        }
    }
}

extension Phrase {
    static let errorRepresentativeNeedsGroup = Phrase(zh: "居民代表须注明由哪个居民小组推选。", en: "A representative must name the residents' group that chose them.")
    static let errorTooManyRepresentatives = Phrase(zh: "按照章程，每个居民小组推选的居民代表人数有上限，该小组已满：", en: "Under the charter each residents' group chooses a limited number of representatives, and this group's seats are full: ")
}
