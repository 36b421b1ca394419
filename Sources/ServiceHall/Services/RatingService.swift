import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

public struct RatingInput: Content, Sendable {
    public var level: RatingLevel
    public var comment: String?
}

public struct FollowUpAnswer: Content, Sendable {
    public var state: FollowUpState
    public var response: String
    public var appealGround: AppealGround?
}

public struct RatingReport: Content, Sendable {
    public var ratings: [String: Int]
    public var followUps: Int
    public var answered: Int
    public var answeredOnTime: Int
    public var open: Int
    public var overdue: Int
    /// Share of follow-ups answered within their deadline, 0…1 (1 when there were none).
    public var onTimeRate: Double
}

/// 好差评: the applicant rates a finished application once; a poor rating opens a follow-up.
public enum RatingService {
    public static func rate(_ application: Application, input: RatingInput, followUpDays: Int, calendar: WorkingCalendar,
                            today: LocalDate, on db: any Database) async throws -> Rating {
        guard application.state.canBeRated else {
            throw ShequError(.conflict, .errorRateOnlyFinished, code: "not_finished")
        }
        guard try await Rating.query(on: db).filter(\.$applicationID == application.requireID()).count() == 0 else {
            throw ShequError(.conflict, .errorAlreadyRated, code: "already_rated")
        }
        let comment = (input.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard comment.count <= 1000 else { throw ShequError.invalid(.errorTooLong, "comment ≤ 1000", code: "too_long") }
        let rating = Rating()
        rating.applicationID = try application.requireID()
        rating.divisionCode = application.divisionCode
        rating.level = input.level
        rating.comment = comment
        rating.placeID = application.placeID
        rating.staffAccountID = application.responsibleAccountID
        do {
            try await rating.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two ratings sent at once both found none above; the unique index lets one land.
            throw ShequError(.conflict, .errorAlreadyRated, code: "already_rated")
        }
        if input.level.needsFollowUp {
            let followUp = FollowUp()
            followUp.ratingID = try rating.requireID()
            followUp.divisionCode = application.divisionCode
            followUp.dueOn = calendar.deadline(from: today, workingDays: followUpDays).description
            followUp.state = .open
            followUp.response = ""
            try await followUp.create(on: db)
        }
        return rating
    }

    public static func answer(_ followUp: FollowUp, with answer: FollowUpAnswer, by actor: String, today: LocalDate,
                              on db: any Database) async throws {
        guard followUp.state == .open else { throw ShequError(.conflict, .errorFollowUpAnswered, code: "already_answered") }
        let response = answer.response.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !response.isEmpty else { throw ShequError.invalid(.errorReasonRequired, "response", code: "reason_required") }
        guard response.count <= 2000 else { throw ShequError.invalid(.errorTooLong, "response", code: "too_long") }
        switch answer.state {
        case .open:
            throw ShequError.invalid(.errorInvalidValue, "state", code: "invalid_value")
        case .appealed:
            guard let ground = answer.appealGround else { throw ShequError.invalid(.errorMissingField, "appealGround", code: "missing_field") }
            followUp.appealGround = ground
        case .rectified:
            followUp.appealGround = nil
        }
        // Answered once: the state read before the transaction is checked again where it is written.
        guard try await (db as! any SQLDatabase).raw("""
            UPDATE follow_ups SET state = \(bind: answer.state.rawValue), response = \(bind: response),
                   appeal_ground = \(bind: followUp.appealGround?.rawValue), answered_on = \(bind: today.description),
                   answered_by = \(bind: actor)
            WHERE id = \(bind: followUp.requireID()) AND state = \(bind: FollowUpState.open.rawValue)
            RETURNING id
            """).first() != nil else { throw ShequError(.conflict, .errorFollowUpAnswered, code: "already_answered") }
        followUp.state = answer.state
        followUp.response = response
        followUp.answeredOn = today.description
        followUp.answeredBy = actor
    }

    public static func report(scopes: [String], today: LocalDate, on db: any Database) async throws -> RatingReport {
        let ratings = try await Rating.query(on: db).inScopes(scopes, \.$divisionCode).all()
        let followUps = try await FollowUp.query(on: db).inScopes(scopes, \.$divisionCode).all()
        var byLevel: [String: Int] = Dictionary(uniqueKeysWithValues: RatingLevel.allCases.map { ($0.rawValue, 0) })
        for r in ratings { byLevel[r.level.rawValue, default: 0] += 1 }
        let answered = followUps.filter { $0.state != .open }
        let onTime = answered.filter { ($0.answeredOn ?? "") <= $0.dueOn }
        let open = followUps.filter { $0.state == .open }
        return RatingReport(ratings: byLevel, followUps: followUps.count, answered: answered.count, answeredOnTime: onTime.count,
                            open: open.count, overdue: open.filter { $0.dueOn < today.description }.count,
                            onTimeRate: followUps.isEmpty ? 1 : Double(onTime.count) / Double(followUps.count))
    }
}

extension Phrase {
    static let errorRateOnlyFinished = Phrase(zh: "办结后才能评价。", en: "An application can be rated once it is finished.")
    static let errorAlreadyRated = Phrase(zh: "此办件已评价，不能重复评价。", en: "This application has already been rated.")
    static let errorFollowUpAnswered = Phrase(zh: "此差评已处理。", en: "This follow-up has already been answered.")
}
