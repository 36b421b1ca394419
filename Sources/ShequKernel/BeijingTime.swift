import Foundation

/// Times as people in Zhuhai read them: China Standard Time (UTC+8, no
/// daylight saving), whatever zone the server runs in.
public enum BeijingTime {
    static let zone = TimeZone(secondsFromGMT: 8 * 3600)!

    public static func text(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: zone, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// For stored ISO-8601 instants (the public record's `recordedAt`).
    public static func text(iso: String) -> String {
        guard let date = try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else { return iso }
        return text(date)
    }
}
