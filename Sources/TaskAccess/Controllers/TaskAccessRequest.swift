import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

extension AdministrativeTask: Content {}
extension TaskPlan: Content {}
extension TaskPlanEvent: Content {}
extension TaskAssignment: Content {}
extension TaskAgreement: Content {}
extension AgreementCommunity: Content {}
extension AgreementInspection: Content {}
extension AgreementDisbursement: Content {}
extension ShortfallReport: Content {}
extension PlanDeadlineDates: Content {}

extension Request {
    /// Today in Beijing: the day deadlines are counted in.
    var today: LocalDate { LocalDate(instant: Date()) }

    /// `?year=`, bounded (documented as such), or the latest year committees carry tasks in (this year if none):
    /// a report opens on the year that has something to show.
    func reportYear() async throws -> Int {
        guard let raw = query[String.self, at: "year"], !raw.isEmpty else {
            // Every report read without a year asks this: kept with the reports, as it changes only with assignments.
            let thisYear = today.components.year
            return try await TaskAccessReports.answer(self, "defaultYear|\(thisYear)") {
                let latest = try await TaskAssignment.query(on: self.db).filter(\.$year <= thisYear + 1).sort(\.$year, .descending).first()
                return latest?.year ?? thisYear
            }
        }
        guard raw.count == 4, let y = Int(raw), (2000...2100).contains(y) else { throw ShequError.invalid(.errorInvalidValue, "year") }
        return y
    }

    /// The `:code` path parameter, a community that exists.
    func taskCommunity() async throws -> Division {
        guard let code = parameters.get("code"), code.count == 12, code.allSatisfy(\.isNumber),
              let d = try await Division.find(code, on: db), d.level == .community else { throw ShequError.notFound }
        return d
    }

    func idParameter() throws -> UUID {
        guard let id = parameters.get("id", as: UUID.self) else { throw ShequError.notFound }
        return id
    }

    /// A community named in a body: it must exist as a community.
    func bodyCommunity(_ code: String, field: String = "community") async throws -> String {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard code.count == 12, code.allSatisfy(\.isNumber), let d = try await Division.find(code, on: db), d.level == .community else {
            throw ShequError.invalid(.errorInvalidValue, field, code: "unknown_community")
        }
        return code
    }

    /// An office refusal that no role rule covers (a plan outside one's reach): audited like every other.
    func refuse(_ action: Action, entity: String, entityID: UUID?, scope: String?) async throws -> Never {
        let draft = auditDraft(action.name, entity: entity, entityID: entityID?.uuidString, scope: scope, outcome: .denied)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw ShequError.forbidden
    }
}

func yuan(_ text: String, field: String) throws -> Money {
    guard let m = Money(yuan: text), m > .zero, m <= Money.largest else { throw ShequError.invalid(.errorInvalidValue, field, code: "invalid_amount") }
    return m
}

func day(_ text: String, field: String) throws -> LocalDate {
    guard let d = LocalDate(text) else { throw ShequError.invalid(.errorInvalidValue, field) }
    return d
}
