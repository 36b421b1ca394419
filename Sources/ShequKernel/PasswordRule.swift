/// MLPS 2.0 level 3 (GB/T 22239 8.1.4.1) asks for password complexity; assessors
/// expect at least 8 characters drawn from 3 of the 4 character classes.
public enum PasswordRule {
    public static let minimumLength = 8

    public enum Problem: Error, Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooFewCharacterClasses
        case tooLong
    }

    public static func check(_ password: String) -> Problem? {
        if password.count < minimumLength { return .tooShort(minimum: minimumLength) }
        // bcrypt reads only the first 72 bytes; a longer password would give false comfort.
        if password.utf8.count > 72 { return .tooLong }
        let classes = [
            password.contains(where: { $0.isLowercase }),
            password.contains(where: { $0.isUppercase }),
            password.contains(where: { $0.isNumber }),
            password.contains(where: { !$0.isLetter && !$0.isNumber }),
        ].filter { $0 }.count
        return classes >= 3 ? nil : .tooFewCharacterClasses
    }
}
