import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// Which rules govern a community today, and adopting new ones (S2).
public enum Charters {
    /// The version in force on `day`; a community that has adopted none is governed by the Organic Law's defaults (version 0).
    public static func inForce(_ community: String, on day: LocalDate, db: any Database) async throws -> (version: Int, rules: CharterRules, charter: Charter?) {
        let charter = try await Charter.query(on: db).filter(\.$divisionCode == community)
            .filter(\.$inForceFrom <= day.description).sort(\.$version, .descending).first()
        return (charter?.version ?? 0, (charter?.rules ?? .organicLaw).raisedToTheLaw(), charter)
    }

    /// Rules that cannot work or ask less than the law are refused before anyone is asked to adopt them.
    public static func check(_ rules: CharterRules) throws {
        let problems = rules.problems()
        guard problems.isEmpty else {
            throw ShequError.invalid(.errorCharterRules, problems.joined(separator: ", "), code: "charter_rules")
        }
        let belowTheLaw = rules.belowTheLaw()
        guard belowTheLaw.isEmpty else {
            throw ShequError.invalid(.errorCharterBelowLaw, belowTheLaw.joined(separator: ", "), code: "charter_below_law")
        }
    }

    public static func adopt(community: String, title: String, text: String, rules: CharterRules, inForceFrom: LocalDate,
                             by body: String, on db: any Database) async throws -> Charter {
        try check(rules)
        guard (1...200).contains(title.count), (1...50_000).contains(text.count) else {
            throw ShequError.invalid(.errorInvalidValue, "title/text", code: "invalid")
        }
        let latest = try await Charter.query(on: db).filter(\.$divisionCode == community).max(\.$version) ?? 0
        let charter = Charter()
        charter.divisionCode = community
        charter.version = latest + 1
        charter.title = title
        charter.text = text
        charter.rulesJSON = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        charter.inForceFrom = inForceFrom.description
        charter.adoptedBy = body
        try await charter.create(on: db)
        try await PublicRecord.append(.init(community: community, matterID: nil, kind: "charter.adopted", body: body,
                                            summary: "\(title) 第\(charter.version)版，自 \(inForceFrom) 起施行"), on: db)
        return charter
    }
}
