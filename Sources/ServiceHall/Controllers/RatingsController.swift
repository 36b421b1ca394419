import Fluent
import ShequKernel
import ShequPlatform
import Vapor

enum RatingsController {
    static func rate(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(RatingInput.self)
        let rating = try await rateAudited(input, req: req)
        return try await rating.encodeResponse(status: .created, for: req)
    }

    /// Only the applicant rates, once, after the application is finished.
    static func rateAudited(_ input: RatingInput, req: Request) async throws -> Rating {
        let actor = try req.requireActor()
        let a = try await ApplicationsAPIController.load(req, for: .applicationRead)
        guard Policy.may(actor, .applicationRate, on: Resource(residentID: a.residentID)) else {
            try await req.refuse(.applicationRate, entity: "application", entityID: a.trackingNumber, scope: a.divisionCode, hide: false)
        }
        let days = req.application.serviceHallSettings.followUpDays
        let calendar = try req.application.workingCalendar
        let today = ApplicationsAPIController.today()
        return try await req.writeAudited("application.rate", entity: "application") { db in
            let rating = try await RatingService.rate(a, input: input, followUpDays: days, calendar: calendar, today: today, on: db)
            return Audited(rating, id: a.id, scope: a.divisionCode, detail: "\(a.trackingNumber) \(input.level.rawValue)")
        }
    }

    static func followUps(_ req: Request) async throws -> ListPage<FollowUp> {
        let actor = try await req.authorize(.applicationHandle, entity: "followUp")
        // A follow-up answers for a place's service: offices reach it by place, never through a transfer.
        let reach = ApplicationReach(actor, for: .applicationHandle).byPlaceOnly
        let q = FollowUp.query(on: req.db).inScopes(reach.divisions, \.$divisionCode)
        if let state = req.query[String.self, at: "state"] {
            guard let s = FollowUpState(rawValue: state) else { throw ShequError.invalid(.errorInvalidValue, "state") }
            q.filter(\.$state == s)
        }
        return try await q.sort(\.$dueOn).sort(\.$id).paged(ListPageRequest(req))
    }

    static func answer(_ req: Request) async throws -> FollowUp {
        let input = try req.validatedContent(FollowUpAnswer.self)
        guard let id = req.parameters.get("id", as: UUID.self), let followUp = try await FollowUp.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        let actor = try req.requireActor()
        guard ApplicationReach(actor, for: .applicationHandle).byPlaceOnly.covers(place: followUp.divisionCode) else {
            try await req.refuse(.applicationHandle, entity: "followUp", entityID: id.uuidString, scope: followUp.divisionCode, hide: true)
        }
        let today = ApplicationsAPIController.today()
        try await req.writeAudited("followUp.answer", entity: "followUp") { db in
            try await RatingService.answer(followUp, with: input, by: actor.username, today: today, on: db)
            return Audited((), id: followUp.id, scope: followUp.divisionCode, detail: input.state.rawValue)
        }
        return followUp
    }

    static func report(_ req: Request) async throws -> RatingReport {
        let actor = try await req.authorize(.applicationRead, entity: "rating")
        return try await RatingService.report(scopes: ApplicationReach(actor, for: .applicationRead).byPlaceOnly.divisions,
                                              today: ApplicationsAPIController.today(), on: req.db)
    }
}

extension Action {
    /// Nobody holds this by role: rating belongs to the applicant alone, so staff attempts are refused and logged.
    static let applicationRate = Action("application.rate")
}

extension Rating: Content {}
extension FollowUp: Content {}
