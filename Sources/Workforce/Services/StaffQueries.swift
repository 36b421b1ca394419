import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// The lists' queries, by place: a scope is a division-code prefix, read as an indexed range.
enum StaffQueries {
    static func inScopes(_ scopes: [String], on db: any Database) -> QueryBuilder<StaffRecord> {
        let q = StaffRecord.query(on: db)
        guard !scopes.isEmpty else { return q.filter(\.$divisionCode == "-no-scope") }
        return q.group(.or) { or in
            for prefix in scopes { or.group(.and) { $0.filter(\.$divisionCode >= prefix).filter(\.$divisionCode < prefix + "~") } }
        }
    }

    /// Those whose contract (or, elected, whose term) covers the day: the staff a place counts today.
    static func current(in scopes: [String], day: LocalDate = Grading.today, on db: any Database) -> QueryBuilder<StaffRecord> {
        let text = day.description
        return inScopes(scopes, on: db)
            .group(.or) { $0.filter(\.$contractStart == nil).filter(\.$contractStart <= text) }
            .group(.or) { $0.filter(\.$contractEnd == nil).filter(\.$contractEnd >= text) }
    }

    static func isCurrent(_ r: StaffRecord, on day: LocalDate = Grading.today) -> Bool {
        let text = day.description
        return (r.contractStart.map { $0 <= text } ?? true) && (r.contractEnd.map { $0 >= text } ?? true)
    }
}
