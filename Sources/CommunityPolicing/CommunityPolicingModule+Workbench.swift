import Fluent
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

extension CommunityPolicingModule {
    /// The officer finds what was referred to them (late first); the committee what it referred that still waits;
    /// the district its officers. Counts come from the same queries as the lists they link to.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let today = LocalDate(instant: Date()).description
        if Policy.may(actor, .policeReferralAnswer) {
            let waitingQ = try await PoliceReferralsAPIController.mineQuery(actor, state: .waiting, on: req.db)
            let waiting = try await waitingQ.count()
            let late = try await PoliceReferralsAPIController.mineQuery(actor, state: .waiting, on: req.db)
                .filter(ChannelMessage.self, \.$dueOn < today).count()
            let answered = try await PoliceReferralsAPIController.mineQuery(actor, state: .answered, on: req.db).count()
            sections.append(WorkbenchSection(key: "communityPolicing-officer", title: .workbenchPolicingOfficer, items: [
                WorkbenchItem(.workbenchPolicingWaiting, count: waiting, link: "/police/referrals?state=waiting",
                              urgency: late > 0 ? .overdue : .normal),
                WorkbenchItem(.workbenchPolicingAnswered, count: answered, link: "/police/referrals?state=answered"),
                WorkbenchItem(.policingOfficers, link: "/police-officers"),
            ]))
        }
        let committee = actor.scopes(of: [.communityStaff]).filter { Policy.may(actor, .policeReferralRead, at: $0) }
        if !committee.isEmpty {
            let q = Division.query(on: req.db).filter(\.$level == .community)
            q.group(.or) { or in for s in committee { or.group(.and) { $0.filter(\.$id >= s).filter(\.$id < s + "~") } } }
            let communities = try await q.sort(\.$id).limit(50).all()
            var items: [WorkbenchItem] = []
            for d in communities {
                guard let code = d.id else { continue }
                let waiting = try await PoliceReferralsAPIController.communityQuery(code, state: .waiting, on: req.db).count()
                let late = try await PoliceReferralsAPIController.communityQuery(code, state: .waiting, on: req.db)
                    .filter(ChannelMessage.self, \.$dueOn < today).count()
                items.append(WorkbenchItem(.workbenchPolicingWaiting, place: d.name, count: waiting,
                                           link: "/communities/\(code)/police-referrals?state=waiting", urgency: late > 0 ? .overdue : .normal))
            }
            sections.append(WorkbenchSection(key: "communityPolicing-committee", title: .workbenchPolicingCommittee, items: items))
        }
        let recorders = Policy.scopes(of: actor, for: .policeOfficerRecord)
        if !recorders.isEmpty {
            let count = try await PoliceOfficers.inScopes(recorders, on: req.db).count()
            sections.append(WorkbenchSection(key: "communityPolicing-officers", title: .workbenchPolicingOfficers, items: [
                WorkbenchItem(.workbenchPolicingRecorded, count: count, link: "/police-officers"),
            ]))
        }
        return sections
    }

    /// Everyone sees the community's officers and their work phone; its committee also finds its referrals.
    public func communityPage(_ code: String, on req: Request) async throws -> [BodyNode] {
        guard code.count == 12 else { return [] }
        let ctx = req.context
        let officers = try await PoliceOfficersAPIController.views(try await PoliceOfficers.attached(to: code, on: req.db), on: req.db)
        var nodes: [BodyNode] = [H.tag("h2", [], [.text(ctx.t(.policingHere))])]
        nodes.append(officers.isEmpty ? H.tag("p", [], [.text(ctx.t(.policingNone))]) : H.tag("ul", [], officers.map { o in
            H.tag("li", [], [
                H.link("/police-officers/\(o.id.uuidString)", o.name), .text(" · \(ctx.t(.policingNumber)) \(o.policeNumber) · "),
                H.tag("a", [("href", "tel:" + o.workPhone)], [.text(o.workPhone)]), .text(" · " + o.dutyHours),
            ])
        }))
        if let actor = ctx.actor, Policy.may(actor, .policeReferralRead, at: code) {
            nodes.append(H.tag("p", [], [H.link("/communities/\(code)/police-referrals", ctx.t(.policingReferrals))]))
        }
        return nodes
    }
}
