import Fluent
import Foundation
import ShequPlatform
import Vapor

/// The OCDS publication's doors: a project's release package and record package, a year's
/// release package (streamed), and a page per project linking them. All public: they publish
/// what the release log holds, and the log holds only what the project's public pages show.
enum OCDSController {
    static let tag = "ocds"
    static let jsonType = HTTPMediaType(type: "application", subType: "json", parameters: ["charset": "utf-8"])
    /// The years a yearly package may name: the platform's records begin in 2010 (the policy's year).
    static let years = 2010...2100

    static func register(web: any RoutesBuilder, api: APIRoutes) {
        web.get("ocds", "projects", ":id", use: OCDSPages.project)
        api.on(.GET, "ocds/projects/{id}/releases",
               doc: .init("The project's OCDS 1.1 release package: every release published for it, oldest first (public)", tag: tag, isPublic: true,
                          responses: [200: "Release package", 404: "No release published for this project"]),
               use: projectReleases)
        api.on(.GET, "ocds/projects/{id}/record",
               doc: .init("The project's OCDS 1.1 record package: its releases and the compiled release (OCDS merge rules) (public)", tag: tag,
                          isPublic: true, responses: [200: "Record package", 404: "No release published for this project"]),
               use: projectRecord)
        api.on(.GET, "ocds/releases/{year}",
               doc: .init("Every OCDS 1.1 release dated in the year (Beijing time), as one release package, streamed in date order (public)",
                          tag: tag, isPublic: true, responses: [200: "Release package", 422: "Not a year from 2010 to 2100"]),
               use: yearReleases)
    }

    /// Where the package says it lives: SHEQU_PUBLIC_URL when the site has one, else the host asked. A Host header
    /// is the client's to choose, so only a host name or address with a port passes (no userinfo, query or
    /// fragment that would turn the package's address into another site's); anything else reads as localhost.
    static func baseURL(_ req: Request) -> String {
        if let configured = req.application.ocdsSettings.publicURL { return configured }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        let host = req.headers.first(name: .host).flatMap { h in !h.isEmpty && h.count <= 255 && h.allSatisfy(allowed.contains) ? h : nil } ?? "localhost"
        return "http://" + host
    }

    static func projectID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw ShequError.notFound }
        return id
    }

    static func json(_ text: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = jsonType
        return response
    }

    static func projectReleases(_ req: Request) async throws -> Response {
        let id = try projectID(req)
        let releases = try await OCDSLog.releaseTexts(projectID: id, on: req.db)
        guard !releases.isEmpty else { throw ShequError.notFound }
        let uri = baseURL(req) + "/api/v1/ocds/projects/\(id.uuidString.lowercased())/releases"
        return json(OCDSPackages.releasePackage(uri: uri, publishedDate: OCDSDate.text(Date()),
                                                publisher: req.application.ocdsSettings.publisherName, releases: releases))
    }

    static func projectRecord(_ req: Request) async throws -> Response {
        let id = try projectID(req)
        let releases = try await OCDSLog.releases(projectID: id, on: req.db)
        guard let ocid = releases.last?["ocid"]?.stringValue else { throw ShequError.notFound }
        let uri = baseURL(req) + "/api/v1/ocds/projects/\(id.uuidString.lowercased())/record"
        return json(OCDSPackages.recordPackage(uri: uri, publishedDate: OCDSDate.text(Date()),
                                               publisher: req.application.ocdsSettings.publisherName, ocid: ocid, releases: releases))
    }

    static func yearReleases(_ req: Request) async throws -> Response {
        guard let raw = req.parameters.get("year"), raw.count == 4, let year = Int(raw), years.contains(year) else {
            throw ShequError.invalid(.errorInvalidValue, "year")
        }
        let uri = baseURL(req) + "/api/v1/ocds/releases/\(year)"
        let publisher = req.application.ocdsSettings.publisherName
        let db = req.db
        let response = Response(status: .ok)
        response.headers.contentType = jsonType
        response.body = .init(asyncStream: { writer in
            do {
                try await OCDSPackages.streamYear(year, uri: uri, publishedDate: OCDSDate.text(Date()), publisher: publisher, on: db, to: writer)
            } catch {
                try await writer.write(.error(error))
            }
        })
        return response
    }
}
