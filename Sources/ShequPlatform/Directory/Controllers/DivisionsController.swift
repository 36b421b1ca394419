import Fluent
import ShequKernel
import Vapor

/// The division tree is public information: no sign-in needed.
enum DivisionsController {
    struct DivisionDTO: Content {
        var code: String
        var name: String
        var level: DivisionLevel
        var parentCode: String?
        var kind: String?

        init(_ d: Division) {
            code = d.code
            name = d.name
            level = d.level
            parentCode = d.parentCode
            kind = d.kind
        }
    }

    static func find(_ raw: String?, on db: any Database) async throws -> Division {
        guard let raw, let code = DivisionCode(raw) else {
            throw ShequError.invalid(.errorUnknownDivision, String((raw ?? "").prefix(20)), code: "unknown_division")
        }
        guard let division = try await Division.find(code.rawValue, on: db) else { throw ShequError.notFound }
        return division
    }

    static func children(of code: String, on db: any Database) async throws -> [Division] {
        try await Division.query(on: db).filter(\.$parentCode == code).sort(\.$id).all()
    }

    static func show(_ req: Request) async throws -> DivisionDTO {
        DivisionDTO(try await find(req.parameters.get("code"), on: req.db))
    }

    static func listChildren(_ req: Request) async throws -> [DivisionDTO] {
        let division = try await find(req.parameters.get("code"), on: req.db)
        return try await children(of: division.code, on: req.db).map(DivisionDTO.init)
    }

    static func page(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let division = try await find(req.parameters.get("code") ?? "4404", on: req.db)
        var trail: [Division] = []
        var parent = division.parentCode
        while let p = parent, let d = try await Division.find(p, on: req.db) {
            trail.insert(d, at: 0)
            parent = d.parentCode
        }
        let kids = try await children(of: division.code, on: req.db)
        let crumbs = H.tag("nav", [("aria-label", ctx.t(.divisions))], [H.tag("p", [],
            trail.flatMap { [H.link("/divisions/\($0.code)", $0.name), .text(" › ")] } + [.text(division.name)])])
        let facts = H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.code))]), H.tag("dd", [], [.text(division.code)]),
            H.tag("dt", [], [.text(ctx.t(.level))]), H.tag("dd", [], [.text(ctx.t(division.level.phrase))]),
        ])
        var content = [crumbs, facts]
        if !kids.isEmpty {
            content.append(H.tag("h2", [], [.text(ctx.t(.children)) , .text(" (\(kids.count))")]))
            content.append(H.tag("ul", [], kids.map { H.tag("li", [], [H.link("/divisions/\($0.code)", $0.name), .text(" \($0.code)")]) }))
        }
        if division.level == .community {
            content += try await CommunityPage.sections(division.code, on: req)
        }
        return WebPage(title: division.name, content)
    }
}

extension DivisionLevel {
    var phrase: Phrase {
        switch self {
        case .city: .levelCity
        case .district: .levelDistrict
        case .street: .levelStreet
        case .community: .levelCommunity
        }
    }
}
