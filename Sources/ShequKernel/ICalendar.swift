import Foundation

/// Just enough RFC 5545 for a meetings feed: escaped text, folded lines, UTC times.
public enum ICalendar {
    public struct Event: Sendable {
        public let uid: String
        public let start: Date
        public let minutes: Int
        public let summary: String
        public let location: String
        public let status: String

        public init(uid: String, start: Date, minutes: Int, summary: String, location: String, status: String) {
            self.uid = uid
            self.start = start
            self.minutes = minutes
            self.summary = summary
            self.location = location
            self.status = status
        }
    }

    public static func document(name: String, events: [Event], stamp: Date = Date()) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shequ//Assemblies//ZH", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + escape(name)]
        for e in events {
            lines += ["BEGIN:VEVENT", "UID:" + escape(e.uid), "DTSTAMP:" + utc(stamp), "DTSTART:" + utc(e.start),
                      "DTEND:" + utc(e.start.addingTimeInterval(Double(e.minutes) * 60)), "SUMMARY:" + escape(e.summary),
                      "LOCATION:" + escape(e.location), "STATUS:" + e.status, "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Backslash, semicolon, comma and newline are escaped in TEXT values.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character.
    public static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += size
        }
        return out
    }

    static func utc(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
