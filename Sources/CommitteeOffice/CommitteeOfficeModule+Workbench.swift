import Fluent
import ShequKernel
import ShequPlatform
import Vapor

extension CommitteeOfficeModule {
    /// The committee finds, per community, today's duty, its open documents and those overdue; the street the
    /// overdue documents of each of its communities. Counts come from the lists they link to.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let today = LocalDate(instant: Date())
        let writers = actor.scopes(of: [.communityStaff]).filter { Policy.may(actor, .committeeOfficeWrite, at: $0) }
        if !writers.isEmpty {
            var items: [WorkbenchItem] = []
            for d in try await communities(writers, on: req.db) {
                guard let code = d.id else { continue }
                let base = "/communities/\(code)/office"
                let late = try await OfficeRecords.overdue(code, today: today, on: req.db).count()
                // Per register, each linking to its own list: one count of both behind the received list's link
                // sent the committee looking among documents received for a letter it had sent.
                let openReceived = try await OfficeRecords.openDocuments(code, on: req.db).filter(\.$kind == .documentReceived).count()
                let openSent = try await OfficeRecords.openDocuments(code, on: req.db).filter(\.$kind == .documentSent).count()
                let duty = try await OfficeEntry.query(on: req.db).filter(\.$divisionCode == code).filter(\.$kind == .duty)
                    .filter(\.$onDate == today.description).count()
                items += [
                    WorkbenchItem(.officeTitle, place: d.name, link: base),
                    WorkbenchItem(.officeDutyToday, place: d.name, count: duty, link: "\(base)/duty-schedule"),
                    WorkbenchItem(.officeOpenReceived, place: d.name, count: openReceived, link: "\(base)/documents-received"),
                    WorkbenchItem(.officeOpenSent, place: d.name, count: openSent, link: "\(base)/documents-sent"),
                    WorkbenchItem(.officeOverdue, place: d.name, count: late, link: base, urgency: late > 0 ? .overdue : .normal),
                ]
            }
            sections.append(WorkbenchSection(key: "committeeOffice-committee", title: .workbenchOffice, items: items))
        }
        let readers = actor.scopes(of: [.streetOfficial]).filter { Policy.may(actor, .committeeOfficeRead, at: $0) }
        if !readers.isEmpty {
            var items: [WorkbenchItem] = []
            for d in try await communities(readers, on: req.db) {
                guard let code = d.id else { continue }
                let late = try await OfficeRecords.overdue(code, today: today, on: req.db).count()
                items.append(WorkbenchItem(.officeOverdue, place: d.name, count: late, link: "/communities/\(code)/office",
                                           urgency: late > 0 ? .overdue : .normal))
            }
            sections.append(WorkbenchSection(key: "committeeOffice-oversight", title: .workbenchOfficeOversight, items: items))
        }
        return sections
    }

    /// Only for those who may read it: the office is the committee's own, never public.
    public func communityPage(_ code: String, on req: Request) async throws -> [BodyNode] {
        guard code.count == 12, let actor = req.context.actor, Policy.may(actor, .committeeOfficeRead, at: code) else { return [] }
        return [H.tag("p", [], [H.link("/communities/\(code)/office", req.context.t(.officeTitle))])]
    }

    /// The communities under the scopes, in code order (a street has a few dozen).
    func communities(_ scopes: [String], on db: any Database) async throws -> [Division] {
        let q = Division.query(on: db).filter(\.$level == .community)
        q.group(.or) { or in for s in scopes { or.group(.and) { $0.filter(\.$id >= s).filter(\.$id < s + "~") } } }
        return try await q.sort(\.$id).limit(60).all()
    }
}
