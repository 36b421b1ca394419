import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// The rules of setting up centres, stations, windows and hours (H1, H2, H3, H6), callable without HTTP.
enum ServicePlaces {
    /// A centre stands for a street and a station for a community: the division must exist at that tier.
    static func requireDivision(_ code: String, for kind: ServicePlaceKind, on db: any Database) async throws {
        let level: DivisionLevel = kind == .center ? .street : .community
        guard code.count == level.codeLength, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber),
              let division = try await Division.find(code, on: db), division.level == level else {
            throw ShequError.invalid(kind == .center ? .setupPlaceNeedsStreet : .setupPlaceNeedsCommunity, " " + code, code: "invalid_division")
        }
    }

    /// One centre per street (H1) and one station per community (一居一站, H2), closed ones included: a closed
    /// place is reopened, not founded again, so its history stays one record.
    static func requireNone(_ kind: ServicePlaceKind, at code: String, on db: any Database) async throws {
        if let existing = try await ServicePlace.query(on: db).filter(\.$kind == kind).filter(\.$divisionCode == code).first() {
            throw ShequError(.conflict, kind == .center ? .setupPlaceCentreExists : .setupPlaceStationExists,
                             detail: " " + existing.name, code: kind == .center ? "centre_exists" : "station_exists")
        }
    }

    /// A station says why its community qualifies: at least one of the policy's factors, in words too.
    static func requireQualification(_ kind: ServicePlaceKind, reasons: [StationQualification], text: String) throws {
        guard kind == .station else { return }
        guard !reasons.isEmpty, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ShequError.invalid(.setupPlaceQualificationNeeded, code: "qualification_needed")
        }
    }

    static func requireText(_ value: String, _ field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ShequError(.unprocessableEntity, .errorMissingField, detail: field, code: "missing_field") }
        return trimmed
    }

    static func joined(_ reasons: [StationQualification]) -> String? {
        let unique = StationQualification.allCases.filter(reasons.contains)
        return unique.isEmpty ? nil : unique.map(\.rawValue).joined(separator: ",")
    }

    /// A window is general (综合窗口, any item) or names the items it takes, each in the catalogue and not retired
    /// (one it already took may stay after its retirement, for the applications still running).
    static func windowItems(isGeneral: Bool, codes: [String], keeping: [String] = [], on db: any Database) async throws -> [String] {
        if isGeneral { return [] }
        var seen = Set<String>()
        let wanted = codes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !wanted.isEmpty else { throw ShequError.invalid(.setupWindowNeedsItems, code: "window_items_needed") }
        let bad = wanted.filter { !ServiceHallInputs.isItemCode($0) }
        let valid = wanted.filter(ServiceHallInputs.isItemCode)
        let known = Set(try await ServiceItem.query(on: db).filter(\.$code ~~ valid).filter(\.$retired == false).all(\.$code)).union(keeping)
        let unknown = bad + valid.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw ShequError.invalid(.setupWindowUnknownItems, " " + unknown.joined(separator: ", "), code: "unknown_item") }
        return wanted
    }

    static func requireFreeNumber(_ number: Int, at placeID: UUID, on db: any Database) async throws {
        if try await ServiceWindow.query(on: db).filter(\.$placeID == placeID).filter(\.$number == number).count() > 0 {
            throw ShequError(.conflict, .setupWindowNumberTaken, detail: " \(number)", code: "window_number_taken")
        }
    }

    // MARK: - Weekly hours

    static let dayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    static let dayNamesEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let maxSpansPerDay = 6

    /// "08:30-12:00, 14:30-17:30" → spans in minutes; empty text is a closed day. Every problem is named at once,
    /// with the day, so a form can be fixed in one go.
    static func parseWeek(_ days: [String?]) -> (spans: [Int: [ClosedRange<Int>]], problems: [String]) {
        var spans: [Int: [ClosedRange<Int>]] = [:]
        var problems: [String] = []
        for (index, text) in days.enumerated() {
            let weekday = index + 1
            let raw = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !raw.isEmpty else { continue }
            let parts = raw.split(whereSeparator: { ",，;；、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var day: [ClosedRange<Int>] = []
            for part in parts {
                let ends = part.split(whereSeparator: { "-–—~～".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
                guard ends.count == 2, let start = RosterRule.minutes(ends[0]), let end = RosterRule.minutes(ends[1]), start < end else {
                    problems.append("\(weekday):\(part)")
                    continue
                }
                day.append(start...end)
            }
            day.sort { $0.lowerBound < $1.lowerBound }
            if day.count > maxSpansPerDay || zip(day, day.dropFirst()).contains(where: { $0.upperBound > $1.lowerBound }) {
                problems.append("\(weekday):\(raw)")
            }
            if !day.isEmpty { spans[weekday] = day }
        }
        return (spans, problems)
    }

    /// The text shown to the public, in the same shape the roster publishes: "周一 08:30–12:00, 14:30–17:30; …".
    static func published(_ spans: [Int: [ClosedRange<Int>]], note: String?) -> String {
        let days = spans.keys.sorted().map { d in
            dayNames[d - 1] + " " + (spans[d] ?? []).map(span).joined(separator: ", ")
        }.joined(separator: "; ")
        let extra = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if days.isEmpty { return extra }
        return extra.isEmpty ? days : days + "（" + extra + "）"
    }

    /// The stored hours as a reader of `lang` sees them. They are stored once, in the Chinese the public notice
    /// uses; an English page names the days in English. A note in brackets is the official's own words, kept as written.
    public static func hoursText(_ stored: String, _ lang: Language) -> String {
        guard lang == .en else { return stored }
        // Only the days are ours to translate; the note in brackets (after the first "（") is left as written.
        let split = stored.firstIndex(of: "（") ?? stored.endIndex
        var days = String(stored[..<split])
        for (zh, en) in zip(dayNames, dayNamesEn) {
            days = days.replacingOccurrences(of: zh + "至", with: en + "–").replacingOccurrences(of: zh, with: en)
        }
        days = days.replacingOccurrences(of: "；", with: "; ")
        return split == stored.endIndex ? days : days + " " + String(stored[split...])
    }

    static func span(_ r: ClosedRange<Int>) -> String { RosterRule.hhmm(r.lowerBound) + "–" + RosterRule.hhmm(r.upperBound) }

    static func hours(of placeID: UUID, on db: any Database) async throws -> [Int: [ClosedRange<Int>]] {
        let rows = try await PlaceHours.query(on: db).filter(\.$placeID == placeID).sort(\.$weekday).sort(\.$startMinute).all()
        return Dictionary(grouping: rows, by: \.weekday).mapValues { $0.map { $0.startMinute...$0.endMinute } }
    }

    /// The places inside `scopes`, centres first within each street, a page at a time.
    static func inScopes(_ scopes: [String], page: ListPageRequest, on db: any Database) async throws -> (items: [ServicePlace], total: Int) {
        let query = ServicePlace.query(on: db).inScopes(scopes, \.$divisionCode)
        let total = try await query.count()
        let items = try await query.sort(\.$divisionCode).sort(\.$kind).sort(\.$id).range(page.offset..<(page.offset + page.perPage)).all()
        return (items, total)
    }
}
