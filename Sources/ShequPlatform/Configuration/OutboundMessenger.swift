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
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    public init(path: String) { self.path = path }

    /// One append per message, opened each time so a rotated log is simply
    /// recreated; plain system calls, as this runs for every submission.
    public func send(_ message: OutboundMessage) async throws {
        var line = try Self.encoder.encode(message)
        line.append(0x0A)
        try lock.withLock {
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw OutboundLogError(path: path, code: errno) }
            defer { close(fd) }
            let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == line.count else { throw OutboundLogError(path: path, code: errno) }
        }
    }
}

struct OutboundLogError: Error, CustomStringConvertible {
    let path: String
    let code: Int32
    var description: String { "cannot append to \(path): \(String(cString: strerror(code)))" }
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
