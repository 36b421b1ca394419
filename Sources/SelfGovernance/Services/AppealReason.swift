import ShequPlatform

/// The supervision committee's reason for an appeal decision (S3): it is the public's only account of why a hidden
/// post stays hidden or comes back, so it must say something. Blank is refused, and so is text made only of
/// characters nobody can see (zero-width spaces, joiners, soft hyphens, byte-order marks) that trimming leaves.
enum AppealReason {
    static let max = 1000

    static func checked(_ text: String) throws -> String {
        let cleaned = text.unicodeScalars.contains(where: visible)
            ? try Matters.clean(text, field: "reason", max: max) : ""
        guard !cleaned.isEmpty else { throw ShequError.invalid(.errorAppealReasonNeeded, "reason", code: "reason_required") }
        return cleaned
    }

    static func visible(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        if p.isWhitespace || p.isDefaultIgnorableCodePoint { return false }
        switch p.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator: return false
        default: return true
        }
    }
}

extension Phrase {
    static let errorAppealReasonNeeded = Phrase(zh: "裁决申诉须写明理由（不能为空，也不能只有看不见的字符）：",
                                                en: "An appeal decision needs its reason written out (not blank, nor only invisible characters): ")
}
