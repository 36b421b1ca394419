import Vapor

enum TaskAccessDemo {
    static func fill(_ app: Application) async throws -> String? { nil }
}
