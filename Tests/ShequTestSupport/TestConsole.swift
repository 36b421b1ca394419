import ConsoleKit
import Vapor

/// Captures what a command prints, so tests can read it.
public final class TestConsole: Console, @unchecked Sendable {
    public var output = ""
    public var userInfo: [AnySendableHashable: any Sendable] = [:]
    public init() {}
    public func input(isSecure: Bool) -> String { "" }
    public func output(_ text: ConsoleText, newLine: Bool) { output += text.description + (newLine ? "\n" : "") }
    public func report(error: String, newLine: Bool) { output += error + (newLine ? "\n" : "") }
    public func clear(_ type: ConsoleClear) {}
    public var size: (width: Int, height: Int) { (80, 24) }
}
