import Foundation

/// A project's compiled record: its releases merged by the OCDS 1.1 merge rules
/// (https://standard.open-contracting.org/1.1/en/schema/merging/), written here
/// rather than taken from a library, since the releases are already in memory as
/// trees with exact amounts:
/// - releases apply in date order (the log's order breaks ties), a later value replacing an earlier one;
/// - objects merge field by field; a null removes the field;
/// - arrays of objects that all carry an `id` merge by that id (new ids appended in order);
///   other arrays (codes, strings, `wholeListMerge` fields) are replaced whole;
/// - the release's own `id`, `date` and `tag` are not merged (`omitWhenMerged`): the compiled
///   release gets the latest date, `tag: ["compiled"]` and the id "<ocid>-<date>".
public enum OCDSRecord {
    static let wholeListMerge: Set<String> = ["additionalIdentifiers", "additionalClassifications"]
    static let omitWhenMerged: Set<String> = ["id", "date", "tag"]

    /// Releases of one ocid, oldest first.
    public static func compile(_ releases: [OCDSJSON]) -> OCDSJSON {
        let ordered = releases.enumerated().sorted { a, b in
            let (da, db) = (a.element["date"]?.stringValue ?? "", b.element["date"]?.stringValue ?? "")
            return da == db ? a.offset < b.offset : da < db
        }.map(\.element)
        var merged: [String: OCDSJSON] = [:]
        for release in ordered {
            guard case .object(let fields) = release else { continue }
            for (key, value) in fields where !omitWhenMerged.contains(key) {
                apply(value, to: key, in: &merged)
            }
        }
        let ocid = ordered.last?["ocid"]?.stringValue ?? ""
        let date = ordered.last?["date"]?.stringValue ?? ""
        merged["ocid"] = .string(ocid)
        merged["id"] = .string(ocid + "-" + date)
        merged["date"] = .string(date)
        merged["tag"] = .array([.string("compiled")])
        return .object(merged)
    }

    /// The record: every release embedded in full, oldest first, and the compiled release.
    public static func record(ocid: String, releases: [OCDSJSON]) -> OCDSJSON {
        .object(["ocid": .string(ocid), "releases": .array(releases), "compiledRelease": compile(releases)])
    }

    static func apply(_ value: OCDSJSON, to key: String, in fields: inout [String: OCDSJSON]) {
        switch value {
        case .null:
            fields[key] = nil
        case .object:
            fields[key] = merge(fields[key], value)
        case .array(let items):
            if !wholeListMerge.contains(key), !items.isEmpty, items.allSatisfy({ $0["id"] != nil }), case .array(let earlier)? = fields[key] {
                fields[key] = .array(mergeByID(earlier, items))
            } else {
                fields[key] = .array(items.map(stripNulls))
            }
        default:
            fields[key] = value
        }
    }

    static func merge(_ earlier: OCDSJSON?, _ later: OCDSJSON) -> OCDSJSON {
        guard case .object(let laterFields) = later else { return later }
        var fields: [String: OCDSJSON] = [:]
        if case .object(let earlierFields)? = earlier { fields = earlierFields }
        for (key, value) in laterFields { apply(value, to: key, in: &fields) }
        return .object(fields)
    }

    static func mergeByID(_ earlier: [OCDSJSON], _ later: [OCDSJSON]) -> [OCDSJSON] {
        var result = earlier
        var position: [OCDSJSON: Int] = [:]
        for (i, item) in earlier.enumerated() { if let id = item["id"] { position[id] = i } }
        for item in later {
            guard let id = item["id"] else { continue }
            if let i = position[id] {
                result[i] = merge(result[i], item)
            } else {
                position[id] = result.count
                result.append(merge(nil, item))
            }
        }
        return result
    }

    /// A null inside a new value means "absent" in the compiled release.
    static func stripNulls(_ value: OCDSJSON) -> OCDSJSON {
        switch value {
        case .object: merge(nil, value)
        case .array(let items): .array(items.map(stripNulls))
        default: value
        }
    }
}

extension OCDSJSON: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalBytes) }
}
