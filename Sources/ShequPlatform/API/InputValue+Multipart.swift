import Vapor

extension InputValue {
    /// A multipart form's text parts as the same tree an urlencoded form gives, so they meet the same
    /// declared bounds. File parts (those with a filename) are left out: the route that takes files checks
    /// their size and type. Without this a multipart body reached every command unchecked (a NUL in a name
    /// was a 500 on PostgreSQL).
    static func multipartForm(_ body: ByteBuffer, boundary: String) throws(ShequError) -> [String: InputValue] {
        let parser = MultipartParser(boundary: boundary)
        var pairs: [(String, String)] = []
        var name: String?
        var isFile = false
        var value = ByteBuffer()
        parser.onHeader = { field, header in
            guard field.lowercased() == "content-disposition" else { return }
            name = dispositionParameter("name", in: header)
            isFile = dispositionParameter("filename", in: header) != nil
        }
        // A file's bytes are not a field: not copied (an upload may be megabytes).
        parser.onBody = { chunk in if !isFile { value.writeBuffer(&chunk) } }
        parser.onPartComplete = {
            if let name, !isFile { pairs.append((name, String(decoding: value.readableBytesView, as: UTF8.self))) }
            name = nil
            isFile = false
            value.clear()
        }
        do { try parser.execute(body) } catch {
            throw ShequError(.badRequest, .errorMalformedJSON, code: "malformed_body")
        }
        let encoded = pairs.map { key, text in escape(key) + "=" + escape(text) }.joined(separator: "&")
        return form(encoded)
    }

    /// `form-data; name="a"; filename="b.pdf"` → the quoted value of `key`.
    static func dispositionParameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals].lowercased() == key else { continue }
            var raw = trimmed[trimmed.index(after: equals)...]
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = raw.dropFirst().dropLast() }
            return String(raw)
        }
        return nil
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~[]")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
