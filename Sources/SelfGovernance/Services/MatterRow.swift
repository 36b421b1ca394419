import Foundation
import ShequKernel
import SQLKit
import Vapor

/// A matter as a list shows it: what it is about, where it stands, when. Its description, recommendation and
/// outcome are on the matter's own page; a list of fifty does not carry them.
struct MatterRow: Content, Equatable {
    static let columns = ["id", "division_code", "title", "source", "stage", "created_at", "updated_at"]

    var id: UUID
    var divisionCode: String
    var title: String
    var source: MatterSource
    var stage: MatterStage
    var createdAt: Date?
    var updatedAt: Date?

    /// A community's matters, newest first.
    static func inCommunity(_ community: String, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLIdentifier($0) }).from(Matter.schema)
            .where("division_code", .equal, community)
            .orderBy("created_at", .descending).orderBy("id", .descending)
    }
}
