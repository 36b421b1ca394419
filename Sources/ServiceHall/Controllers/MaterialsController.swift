import Fluent
import ShequPlatform
import Vapor

/// Uploading and fetching materials: the applicant or staff in scope, every fetch audited.
enum MaterialsController {
    struct UploadForm: Content { var file: File }

    static func upload(_ req: Request) async throws -> Response {
        let a = try await ApplicationsAPIController.load(req, for: .applicationRead)
        try await authorizeUpload(to: a, req: req)
        guard let material = req.parameters.get("materialID", as: UUID.self) else { throw ShequError.notFound }
        let file = try req.content.decode(UploadForm.self).file
        let upload = try await uploadAudited(file, material: material, to: a, req: req)
        return try await upload.encodeResponse(status: .created, for: req)
    }

    /// The applicant, or staff who handle the application; anyone else is refused and logged.
    static func authorizeUpload(to a: Application, req: Request) async throws {
        if !ApplicationsAPIController.isApplicant(try req.requireActor(), a) {
            try await ApplicationsAPIController.authorize(.applicationHandle, on: a, req: req)
        }
    }

    /// The one upload command, for the API route, the application page and the apply form's files.
    static func uploadAudited(_ file: File, material: UUID, to a: Application, req: Request) async throws -> MaterialUpload {
        try await authorizeUpload(to: a, req: req)
        let actor = try req.requireActor()
        let data = Data(buffer: file.data)
        return try await req.writeAudited("material.upload", entity: "application") { db in
            let u = try await MaterialUploads.store(data, filename: file.filename, declaredType: file.contentType?.serialize(),
                                                    material: material, application: a, by: actor.username, on: db)
            return Audited(u, id: a.id, scope: a.divisionCode, detail: "\(a.trackingNumber) \(u.sha256)")
        }
    }

    static func list(_ req: Request) async throws -> [MaterialUpload] {
        let a = try await ApplicationsAPIController.load(req, for: .applicationRead)
        return try await MaterialUpload.query(on: req.db).filter(\.$applicationID == a.requireID()).sort(\.$createdAt).all()
    }

    static func download(_ req: Request) async throws -> Response {
        let a = try await ApplicationsAPIController.load(req, for: .applicationRead)
        guard let id = req.parameters.get("uploadID", as: UUID.self), let upload = try await MaterialUpload.find(id, on: req.db),
              upload.applicationID == a.id else { throw ShequError.notFound }
        try await req.writeAudited("material.read", entity: "application") { _ in
            Audited((), id: a.id, scope: a.divisionCode, detail: "\(a.trackingNumber) \(upload.sha256)")
        }
        let data = try await MaterialUploads.content(of: upload, on: req.db)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: upload.contentType)
        response.headers.contentDisposition = .init(.attachment, filename: upload.filename)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}

extension MaterialUpload: Content {}
