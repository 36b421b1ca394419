import Foundation
import Testing
@testable import ShequPlatform

@Suite struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 6238, Appendix B, the SHA-1 rows (8 digits).
    @Test(arguments: [
        (Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func rfc6238Vectors(time: Int64, expected: String) {
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        #expect(TOTP.code(secret: Self.rfcSecret, step: TOTP.step(at: date), digits: 8) == expected)
    }

    /// RFC 4226, Appendix D: the HOTP values the 6-digit codes are cut from.
    @Test func rfc4226Vectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, code) in expected.enumerated() {
            #expect(TOTP.code(secret: Self.rfcSecret, step: Int64(counter)) == code)
        }
    }

    @Test func base32RoundTripsAndReadsWhatPeopleType() {
        #expect(Base32.encode(Self.rfcSecret) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq") == Self.rfcSecret)
        #expect(Base32.decode("GEZ1") == nil)
        let random = TOTP.newSecret()
        #expect(random.count == 20)
        #expect(Base32.decode(Base32.encode(random)) == random)
        #expect(Base32.encode(Array("f".utf8)) == "MY")
    }

    @Test func aCodeWorksInItsWindowAndOnlyOnce() {
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = TOTP.step(at: now)
        let code = TOTP.code(secret: Self.rfcSecret, step: step)
        #expect(TOTP.matchingStep(code, secret: Self.rfcSecret, at: now, after: nil) == step)
        // A phone's clock half a minute off either way still works.
        #expect(TOTP.matchingStep(TOTP.code(secret: Self.rfcSecret, step: step - 1), secret: Self.rfcSecret, at: now, after: nil) == step - 1)
        #expect(TOTP.matchingStep(TOTP.code(secret: Self.rfcSecret, step: step + 1), secret: Self.rfcSecret, at: now, after: nil) == step + 1)
        #expect(TOTP.matchingStep(TOTP.code(secret: Self.rfcSecret, step: step - 3), secret: Self.rfcSecret, at: now, after: nil) == nil)
        // Used once, the same code (or an older one) is refused.
        #expect(TOTP.matchingStep(code, secret: Self.rfcSecret, at: now, after: step) == nil)
        #expect(TOTP.matchingStep("12345", secret: Self.rfcSecret, at: now, after: nil) == nil)
        #expect(TOTP.matchingStep("abcdef", secret: Self.rfcSecret, at: now, after: nil) == nil)
    }

    @Test func theEnrolmentLinkNamesIssuerAccountAndParameters() {
        let uri = TOTP.uri(secret: Self.rfcSecret, account: "city.admin", issuer: "Shequ 珠海")
        #expect(uri.hasPrefix("otpauth://totp/Shequ%20%E7%8F%A0%E6%B5%B7:city.admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(uri.contains("algorithm=SHA1&digits=6&period=30"))
    }
}
