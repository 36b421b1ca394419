import Fluent
import Foundation
import NIOCore
import Vapor

/// Release and record packages around the log's stored bytes: a release is repeated
/// exactly as published (and hashed), never re-encoded.
public enum OCDSPackages {
    /// The head of a release package up to the opening of its `releases` array; the
    /// releases and `]}` follow. Key order is free in JSON; `releases` goes last so a
    /// package can be streamed.
    static func releasePackageHead(uri: String, publishedDate: String, publisher: String) -> String {
        let meta = OCDSJSON.object([
            "uri": .string(uri), "version": .string("1.1"), "publishedDate": .string(publishedDate),
            "publisher": .object(["name": .string(publisher)]),
        ]).canonicalText
        return String(meta.dropLast()) + ",\"releases\":["
    }

    public static func releasePackage(uri: String, publishedDate: String, publisher: String, releases: [String]) -> String {
        releasePackageHead(uri: uri, publishedDate: publishedDate, publisher: publisher) + releases.joined(separator: ",") + "]}"
    }

    /// A record package holding one record: every release embedded, and the compiled release.
    public static func recordPackage(uri: String, publishedDate: String, publisher: String, ocid: String, releases: [OCDSJSON]) -> String {
        OCDSJSON.object([
            "uri": .string(uri), "version": .string("1.1"), "publishedDate": .string(publishedDate),
            "publisher": .object(["name": .string(publisher)]),
            "records": .array([OCDSRecord.record(ocid: ocid, releases: releases)]),
        ]).canonicalText
    }

    /// Releases fetched and written per page: a year of 50,000 releases leaves the
    /// server in pages of this many, holding no more than one page at a time.
    static let pageSize = 500

    /// Streams a year's release package: keyset pages of the log written as they are read.
    static func streamYear(_ year: Int, uri: String, publishedDate: String, publisher: String, on db: any Database,
                           to writer: any AsyncBodyStreamWriter) async throws {
        try await writer.writeBuffer(ByteBuffer(string: releasePackageHead(uri: uri, publishedDate: publishedDate, publisher: publisher)))
        var after: (date: String, id: UUID)?
        var first = true
        while true {
            let page = try await OCDSLog.yearPage(year, after: after, limit: pageSize, on: db)
            guard let last = page.last else { break }
            var buffer = ByteBuffer()
            buffer.reserveCapacity(page.reduce(0) { $0 + $1.json.utf8.count + 1 })
            for row in page {
                if !first { buffer.writeString(",") }
                buffer.writeString(row.json)
                first = false
            }
            try await writer.writeBuffer(buffer)
            after = (last.date, last.id)
            if page.count < pageSize { break }
        }
        try await writer.writeBuffer(ByteBuffer(string: "]}"))
        try await writer.write(.end)
    }
}
