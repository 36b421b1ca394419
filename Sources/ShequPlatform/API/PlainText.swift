import Foundation

/// A text as a module's rules take it, whoever sent it (a multipart body and the demo are not checked by the
/// declared input): trimmed, not empty, within its bound, no control characters but line breaks (PostgreSQL
/// cannot store a NUL), and no bidirectional overrides, which make a public text read as something else.
public enum PlainText {
    /// Invisible separators and format characters a public title has no use for.
    // Joiners and direction marks (U+200C–U+200F) too: "陈\u{200D}建华" looks exactly like another's name.
    public static let invisible: Set<UInt32> = [0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060,
                                                0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]

    /// `refusing`: further scalars the caller's texts may not carry (e.g. `invisible`).
    public static func clean(_ raw: String, field: String, max: Int, refusing extra: Set<UInt32> = []) throws -> String {
        let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty else { throw ShequError.invalid(.errorMissingField, field, code: "missing_field") }
        guard v.unicodeScalars.count <= max else { throw ShequError.invalid(.errorTooLong, "\(field) (≤ \(max))", code: "too_long") }
        guard !v.unicodeScalars.contains(where: { ($0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0)) || $0.value == 0x7F
                                                  || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
                                                  || extra.contains($0.value) }) else {
            throw ShequError.invalid(.errorControlCharacter, field, code: "control_character")
        }
        return v
    }
}
