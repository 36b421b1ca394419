import Crypto
import Foundation
import Vapor

/// Keys that protect personal data. They come from the environment when an
/// operator manages them, or are generated once into the data directory with
/// owner-only permissions; never a constant in the code.
public struct Secrets: Sendable {
    public let personalDataKey: SymmetricKey
    public let blindIndexKey: SymmetricKey

    struct Stored: Codable {
        var personalDataKey: String
        var blindIndexKey: String
    }

    public static func load(dataDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Secrets {
        if let pd = environment["SHEQU_PERSONAL_DATA_KEY"].flatMap(Self.key(base64:)),
           let bi = environment["SHEQU_BLIND_INDEX_KEY"].flatMap(Self.key(base64:)) {
            return Secrets(personalDataKey: pd, blindIndexKey: bi)
        }
        let file = dataDirectory.appendingPathComponent("secrets.json")
        let fm = FileManager.default
        if fm.fileExists(atPath: file.path) {
            let stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: file))
            guard let pd = key(base64: stored.personalDataKey), let bi = key(base64: stored.blindIndexKey) else {
                throw Abort(.internalServerError, reason: "secrets.json in \(dataDirectory.path) is damaged")
            }
            return Secrets(personalDataKey: pd, blindIndexKey: bi)
        }
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        let stored = Stored(personalDataKey: Self.newKeyBase64(), blindIndexKey: Self.newKeyBase64())
        let data = try JSONEncoder().encode(stored)
        guard fm.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "cannot write \(file.path)")
        }
        return Secrets(personalDataKey: key(base64: stored.personalDataKey)!, blindIndexKey: key(base64: stored.blindIndexKey)!)
    }

    static func key(base64: String) -> SymmetricKey? {
        guard let data = Data(base64Encoded: base64), data.count == 32 else { return nil }
        return SymmetricKey(data: data)
    }

    static func newKeyBase64() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}

extension Application {
    private struct SecretsKey: StorageKey { typealias Value = Secrets }

    public var secrets: Secrets {
        get {
            guard let s = storage[SecretsKey.self] else { fatalError("secrets are loaded in configure()") }
            return s
        }
        set { storage[SecretsKey.self] = newValue }
    }
}
