import Crypto
import Foundation

/// Seals personal data for storage and derives the blind index used to find
/// it again. The index is keyed, so a stolen table cannot be matched against
/// a list of candidate ID numbers without the key too.
public struct PersonalDataVault: Sendable {
    let sealingKey: SymmetricKey
    let indexKey: SymmetricKey

    public init(secrets: Secrets) {
        sealingKey = secrets.personalDataKey
        indexKey = secrets.blindIndexKey
    }

    public func seal(_ clear: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(clear.utf8), using: sealingKey).combined else {
            throw VaultError.sealingFailed
        }
        return combined.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed),
              let clear = String(data: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: sealingKey), encoding: .utf8)
        else { throw VaultError.openingFailed }
        return clear
    }

    /// `kind` separates the index spaces, so an ID number and a phone never share an index value.
    public func index(_ clear: String, kind: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((kind + ":" + clear).utf8), using: indexKey)
        return Data(mac).base64EncodedString()
    }

    enum VaultError: Error { case sealingFailed, openingFailed }
}

public enum Phone {
    /// Mainland mobile numbers: 11 digits starting with 1. Landlines (0756-xxxxxxx) are accepted too.
    public static func normalize(_ raw: String) -> String? {
        let digits = raw.filter { $0.isASCII && $0.isNumber }
        if digits.count == 11, digits.first == "1" { return digits }
        if digits.count >= 10, digits.count <= 12, digits.first == "0" { return digits }
        return nil
    }

    public static func mask(_ phone: String) -> String {
        guard phone.count > 7 else { return String(repeating: "*", count: phone.count) }
        return phone.prefix(3) + String(repeating: "*", count: phone.count - 7) + phone.suffix(4)
    }
}
