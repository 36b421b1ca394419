import Foundation

/// A JSON tree whose numbers are kept as their literal text. OCDS amounts are
/// yuan with two decimals, and the ledger holds integer fen: written through a
/// `Double` (JSONEncoder) an amount is only as exact as the encoder's float
/// formatting, and read back through one (JSONSerialization) it is rounded
/// again before a compiled record writes it out. Here "123.45" stays "123.45"
/// from the fen to the bytes the hash chain covers and back.
public indirect enum OCDSJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A JSON number literal, exactly as written.
    case number(String)
    case string(String)
    case array([OCDSJSON])
    case object([String: OCDSJSON])

    public static func integer(_ value: Int) -> OCDSJSON { .number(String(value)) }

    /// Integer fen as a yuan literal: 12345 → 123.45, 12340 → 123.4, 12300 → 123, -5 → -0.05.
    public static func yuan(fen: Int64) -> OCDSJSON { .number(yuanLiteral(fen: fen)) }

    public static func yuanLiteral(fen: Int64) -> String {
        let magnitude = fen.magnitude
        let whole = magnitude / 100, cents = magnitude % 100
        var text = (fen < 0 ? "-" : "") + String(whole)
        if cents != 0 {
            text += "." + (cents < 10 ? "0" : "") + String(cents)
            if text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }

    /// The fen a yuan literal stands for, when it has at most two decimals and no exponent.
    public var fen: Int64? {
        guard case .number(let literal) = self else { return nil }
        var text = Substring(literal)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), parts[0].allSatisfy(\.isASCII) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        let cents = Int64(fraction + String(repeating: "0", count: 2 - fraction.count)) ?? 0
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        return negative ? -(scaled + cents) : scaled + cents
    }

    public subscript(key: String) -> OCDSJSON? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    public var stringValue: String? {
        guard case .string(let s) = self else { return nil }
        return s
    }

    public var arrayValue: [OCDSJSON]? {
        guard case .array(let items) = self else { return nil }
        return items
    }

    /// An object from optional fields: absent ones are left out, never written as null,
    /// because in a release a null means "this field was removed" (the merge rules).
    public static func fields(_ pairs: KeyValuePairs<String, OCDSJSON?>) -> OCDSJSON {
        var object: [String: OCDSJSON] = [:]
        for (key, value) in pairs { if let value { object[key] = value } }
        return .object(object)
    }
}

// MARK: - Canonical bytes

extension OCDSJSON {
    /// Keys sorted by their UTF-8 bytes, no insignificant whitespace, only the escapes JSON
    /// requires: one release has one byte sequence, which its hash covers and every
    /// package and record repeats verbatim.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return out
    }

    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    public func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, field) in fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(field.key, into: &out)
                out.append(UInt8(ascii: ":"))
                field.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5c, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5c, 0x5c])
            case 0x0a: out.append(contentsOf: [0x5c, UInt8(ascii: "n")])
            case 0x0d: out.append(contentsOf: [0x5c, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5c, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5c, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: - Reading

extension OCDSJSON {
    public struct ParseError: Error, CustomStringConvertible {
        public let offset: Int
        public var description: String { "invalid JSON at byte \(offset)" }
    }

    /// Reads JSON text (the release log's own bytes, or a test's), keeping number literals as written.
    public static func parse(_ bytes: some Collection<UInt8>) throws -> OCDSJSON {
        var parser = Parser(bytes: Array(bytes))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw ParseError(offset: parser.index) }
        return value
    }

    public static func parse(_ text: String) throws -> OCDSJSON { try parse(Array(text.utf8)) }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// Deeper than any release; a bound, so hostile input cannot exhaust the stack.
        static let maxDepth = 64

        init(bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0a || b == 0x0d || b == 0x09 { index += 1 }
        }

        mutating func expect(_ literal: String) throws {
            let expected = Array(literal.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw ParseError(offset: index)
            }
            index += expected.count
        }

        mutating func value(depth: Int) throws -> OCDSJSON {
            guard depth < Self.maxDepth, let b = peek else { throw ParseError(offset: index) }
            switch b {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var items: [OCDSJSON] = []
                skipSpace()
                if peek == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard let next = peek else { throw ParseError(offset: index) }
                    index += 1
                    if next == UInt8(ascii: "]") { return .array(items) }
                    guard next == UInt8(ascii: ",") else { throw ParseError(offset: index - 1) }
                }
            case UInt8(ascii: "{"):
                index += 1
                var fields: [String: OCDSJSON] = [:]
                skipSpace()
                if peek == UInt8(ascii: "}") { index += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw ParseError(offset: index) }
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    fields[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard let next = peek else { throw ParseError(offset: index) }
                    index += 1
                    if next == UInt8(ascii: "}") { return .object(fields) }
                    guard next == UInt8(ascii: ",") else { throw ParseError(offset: index - 1) }
                }
            default: return .number(try number())
            }
        }

        mutating func number() throws -> String {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            guard let first = peek, (0x30...0x39).contains(first) else { throw ParseError(offset: index) }
            if first == 0x30 { index += 1 } else { while let d = peek, (0x30...0x39).contains(d) { index += 1 } }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard let d = peek, (0x30...0x39).contains(d) else { throw ParseError(offset: index) }
                while let d = peek, (0x30...0x39).contains(d) { index += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard let d = peek, (0x30...0x39).contains(d) else { throw ParseError(offset: index) }
                while let d = peek, (0x30...0x39).contains(d) { index += 1 }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func string() throws -> String {
            index += 1
            var out: [UInt8] = []
            while true {
                guard let b = peek else { throw ParseError(offset: index) }
                index += 1
                switch b {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = peek else { throw ParseError(offset: index) }
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0c)
                    case UInt8(ascii: "n"): out.append(0x0a)
                    case UInt8(ascii: "r"): out.append(0x0d)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw ParseError(offset: index) }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw ParseError(offset: index) }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default: throw ParseError(offset: index - 1)
                    }
                case 0..<0x20: throw ParseError(offset: index - 1)
                default: out.append(b)
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw ParseError(offset: index)
            }
            index += 4
            return v
        }
    }
}
