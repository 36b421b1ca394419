import Fluent
import Foundation
import ShequPlatform
import Vapor

enum ProcurementDemo {
    static func fill(_ app: Application) async throws -> String? { nil }
}
