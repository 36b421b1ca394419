import Crypto
import Foundation
import Vapor

/// Keys that protect personal data. They come from the environment when an
/// operator manages them, or are generated once into the data directory with
/// owner-only permissions; never a constant in the code.
public struct Secrets: Sendable {
    public let personalDataKey: SymmetricKey
    public let blindIndexKey: SymmetricKey
    /// Keys the audit log's and public records' hash chains, so rewriting them takes
    /// more than access to the database (see `ChainKey`).
    public let chainKey: SymmetricKey

    public init(personalDataKey: SymmetricKey, blindIndexKey: SymmetricKey, chainKey: SymmetricKey) {
        self.personalDataKey = personalDataKey
        self.blindIndexKey = blindIndexKey
        self.chainKey = chainKey
    }

    struct Stored: Codable {
        var personalDataKey: String
        var blindIndexKey: String
        /// Absent from files written before chains were keyed; added on the next start.
        var chainKey: String?
    }

    public static func load(dataDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Secrets {
        var chainFromEnvironment: SymmetricKey?
        if let raw = environment["SHEQU_CHAIN_KEY"] {
            guard let key = Self.key(base64: raw) else {
                throw Abort(.internalServerError, reason: "SHEQU_CHAIN_KEY is not a base64 32-byte key")
            }
            chainFromEnvironment = key
        }
        if let pd = environment["SHEQU_PERSONAL_DATA_KEY"].flatMap(Self.key(base64:)),
           let bi = environment["SHEQU_BLIND_INDEX_KEY"].flatMap(Self.key(base64:)) {
            // An operator who keeps the keys out of the data directory keeps all of them out.
            guard let chain = chainFromEnvironment else {
                throw Abort(.internalServerError, reason: "SHEQU_CHAIN_KEY must be set with SHEQU_PERSONAL_DATA_KEY and SHEQU_BLIND_INDEX_KEY")
            }
            return Secrets(personalDataKey: pd, blindIndexKey: bi, chainKey: chain)
        }
        let file = dataDirectory.appendingPathComponent("secrets.json")
        let fm = FileManager.default
        if fm.fileExists(atPath: file.path) {
            var stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: file))
            guard let pd = key(base64: stored.personalDataKey), let bi = key(base64: stored.blindIndexKey) else {
                throw Abort(.internalServerError, reason: "secrets.json in \(dataDirectory.path) is damaged")
            }
            if let chain = chainFromEnvironment { return Secrets(personalDataKey: pd, blindIndexKey: bi, chainKey: chain) }
            if let raw = stored.chainKey {
                guard let chain = key(base64: raw) else { throw Abort(.internalServerError, reason: "secrets.json in \(dataDirectory.path) is damaged") }
                return Secrets(personalDataKey: pd, blindIndexKey: bi, chainKey: chain)
            }
            // A data directory from before keyed chains: its chain key is made once, here.
            let chain = SymmetricKey(size: .bits256)
            stored.chainKey = chain.withUnsafeBytes { Data($0).base64EncodedString() }
            try Self.replace(file, with: JSONEncoder().encode(stored))
            return Secrets(personalDataKey: pd, blindIndexKey: bi, chainKey: chain)
        }
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        let pd = SymmetricKey(size: .bits256), bi = SymmetricKey(size: .bits256), chain = chainFromEnvironment ?? SymmetricKey(size: .bits256)
        func base64(_ key: SymmetricKey) -> String { key.withUnsafeBytes { Data($0).base64EncodedString() } }
        let stored = Stored(personalDataKey: base64(pd), blindIndexKey: base64(bi), chainKey: chainFromEnvironment == nil ? base64(chain) : nil)
        let data = try JSONEncoder().encode(stored)
        guard fm.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "cannot write \(file.path)")
        }
        return Secrets(personalDataKey: pd, blindIndexKey: bi, chainKey: chain)
    }

    /// Writes beside the file and renames over it, owner-only, so a crash never leaves half a secrets file.
    static func replace(_ file: URL, with data: Data) throws {
        let fm = FileManager.default
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".secrets-\(UUID().uuidString).json")
        guard fm.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "cannot write \(temporary.path)")
        }
        guard rename(temporary.path, file.path) == 0 else {
            try? fm.removeItem(at: temporary)
            throw Abort(.internalServerError, reason: "cannot replace \(file.path)")
        }
    }

    static func key(base64: String) -> SymmetricKey? {
        guard let data = Data(base64Encoded: base64), data.count == 32 else { return nil }
        return SymmetricKey(data: data)
    }
}

extension Application {
    private struct SecretsKey: StorageKey { typealias Value = Secrets }

    public var secrets: Secrets {
        get {
            guard let s = storage[SecretsKey.self] else { fatalError("secrets are loaded in configure()") }
            return s
        }
        set {
            storage[SecretsKey.self] = newValue
            ChainKey.install(newValue.chainKey)
        }
    }
}
