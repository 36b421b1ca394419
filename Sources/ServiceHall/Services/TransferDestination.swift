import Fluent
import Foundation
import ShequPlatform

/// Where a transfer sends an application (H4 转办): a department, one of its
/// outposts (stored with its department, whose staff then reach it), or a
/// service centre. A transfer that names nowhere, or more than one place, is
/// refused: "transferred" must always say to whom.
struct TransferDestination: Sendable {
    var departmentID: UUID?
    var outpostID: UUID?
    var centerID: UUID?

    static func find(_ input: StepInput, on db: any Database) async throws -> TransferDestination {
        let named = [input.departmentID, input.outpostID, input.centerID].compactMap { $0 }
        guard named.count == 1 else {
            throw ShequError.invalid(.errorTransferDestination, code: "transfer_destination")
        }
        if let id = input.departmentID {
            guard try await Department.find(id, on: db) != nil else {
                throw ShequError.invalid(.errorInvalidValue, "departmentID", code: "unknown_department")
            }
            return TransferDestination(departmentID: id)
        }
        if let id = input.outpostID {
            guard let outpost = try await Outpost.find(id, on: db) else {
                throw ShequError.invalid(.errorInvalidValue, "outpostID", code: "unknown_outpost")
            }
            return TransferDestination(departmentID: outpost.departmentID, outpostID: id)
        }
        guard let id = input.centerID, let place = try await ServicePlace.find(id, on: db), place.kind == .center else {
            throw ShequError.invalid(.errorInvalidValue, "centerID", code: "unknown_center")
        }
        // A closed centre takes nothing new, transfers included (`ClosedPlaces`).
        try ClosedPlaces.requireOpen(place)
        return TransferDestination(centerID: id)
    }

    /// The page's one select: "department:<id>", "outpost:<id>" or "center:<id>".
    static func options(on db: any Database) async throws -> [(value: String, label: String)] {
        let departments = try await Department.query(on: db).sort(\.$name).all()
        let outposts = try await Outpost.query(on: db).sort(\.$name).all()
        let centers = try await ServicePlace.query(on: db).filter(\.$kind == .center).filter(\.$closedAt == nil).sort(\.$name).all()
        return departments.map { (value: "department:\($0.id!)", label: $0.name) }
            + outposts.map { (value: "outpost:\($0.id!)", label: $0.name) }
            + centers.map { (value: "center:\($0.id!)", label: $0.name) }
    }
}

extension StepInput {
    /// Reads the page's destination select into the same fields the API takes.
    mutating func setTransfer(_ raw: String?) throws {
        guard let raw, !raw.isEmpty else { return }
        let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[1]) else {
            throw ShequError.invalid(.errorInvalidValue, "transferTo", code: "invalid_value")
        }
        switch parts[0] {
        case "department": departmentID = id
        case "outpost": outpostID = id
        case "center": centerID = id
        default: throw ShequError.invalid(.errorInvalidValue, "transferTo", code: "invalid_value")
        }
    }
}

extension Phrase {
    static let errorTransferDestination = Phrase(zh: "转办须指明一个去向：部门、其派驻机构或服务中心。",
                                                 en: "A transfer must name one destination: a department, one of its outposts, or a service centre.")
    static let transferTo = Phrase(zh: "转办去向", en: "Transfer to")
}
