import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Where SMS and e-mail to residents go. The default writes each message as
/// one JSON line to `outbound.log` in the data directory, so nothing leaves
/// the machine until an operator plugs in a real gateway.
public protocol OutboundMessenger: Sendable {
    func send(_ message: OutboundMessage) async throws
}

public struct OutboundMessage: Codable, Sendable {
    public var channel: String
    public var to: String
    public var language: String
    public var text: String
    public var at: Date

    public init(channel: String, to: String, language: Language, text: String, at: Date = Date()) {
        self.channel = channel
        self.to = to
        self.language = language.rawValue
        self.text = text
        self.at = at
    }
}

public final class LogFileMessenger: OutboundMessenger {
    let path: String
    private let lock = NIOLock()

    public init(path: String) { self.path = path }

    public func send(_ message: OutboundMessage) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var line = try encoder.encode(message)
        line.append(0x0A)
        try lock.withLock {
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        }
    }
}

extension Application {
    private struct MessengerKey: StorageKey { typealias Value = any OutboundMessenger }

    public var outboundMessenger: any OutboundMessenger {
        get {
            storage[MessengerKey.self] ?? LogFileMessenger(path: shequSettings.dataDirectory.appendingPathComponent("outbound.log").path)
        }
        set { storage[MessengerKey.self] = newValue }
    }
}
