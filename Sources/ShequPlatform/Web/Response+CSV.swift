import ShequKernel
import Vapor

extension Response {
    /// A spreadsheet download: UTF-8 with a byte-order mark (so spreadsheet programs on Chinese
    /// Windows read it as UTF-8), CRLF line ends, each field quoted and defused by `CSVTable.field`.
    /// Every report's CSV goes through here so the five exports cannot drift apart.
    public static func csv(filename: String, header: [String], rows: [[String]]) -> Response {
        csv(filename: filename, lines: [CSVTable.line(header)] + rows.map(CSVTable.line))
    }

    /// The same for lines already joined with `CSVTable.line`.
    public static func csv(filename: String, lines: [String]) -> Response {
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = csvMediaType
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }

    public static let csvMediaType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
}
