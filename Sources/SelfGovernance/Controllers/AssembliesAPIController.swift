import Fluent
import ShequKernel
import ShequPlatform
import Vapor

enum AssembliesAPIController {
    struct ConveneInput: Content {
        var kind: AssemblyKind
        var title: String
        var place: String
        var startsAt: Date
    }

    struct AttendanceInput: Content {
        var residentID: UUID
    }

    struct BallotInput: Content {
        var choice: BallotChoice
    }

    struct TallyView: Content {
        var eligible: Int
        var present: Int
        var inFavor: Int
        var against: Int
        var abstain: Int
        var quorumMet: Bool
        var passed: Bool
    }

    static func convene(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(ConveneInput.self)
        return try await convene(input, req: req).encodeResponse(status: .created, for: req)
    }

    /// The command both doors run (the page only reads its zone-less time as Beijing time first).
    static func convene(_ input: ConveneInput, req: Request) async throws -> Assembly {
        let matter = try await MattersAPIController.load(req)
        let who = try await req.actingFor(.residentsCommittee, .assemblyConvene, at: matter.divisionCode, entity: "assembly")
        return try await req.writeRecorded("assembly.convene", entity: "assembly", scope: matter.divisionCode) { db in
            try await Assemblies.convene(matter, kind: input.kind, title: input.title, place: input.place, startsAt: input.startsAt,
                                         by: who.body, db: db)
        }
    }

    static func load(_ req: Request) async throws -> Assembly {
        guard let id = req.parameters.get("id", as: UUID.self), let a = try await Assembly.find(id, on: req.db) else { throw ShequError.notFound }
        return a
    }

    static func show(_ req: Request) async throws -> Assembly { try await load(req) }

    static func attend(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(AttendanceInput.self)
        _ = try await registerAttendance(req: req) { _ in input.residentID }
        return Response(status: .created)
    }

    /// The command both doors run: the committee, once authorised, names who is present
    /// (the API by record, the page by the ID card shown at the door) and the attendance is recorded.
    static func registerAttendance(req: Request, present: (GovernanceActor) async throws -> UUID) async throws -> Assembly {
        let assembly = try await load(req)
        let who = try await req.actingFor(.residentsCommittee, .assemblyConvene, at: assembly.divisionCode, entity: "assembly")
        let residentID = try await present(who)
        let vault = PersonalDataVault(secrets: req.application.secrets)
        try await req.writeRecorded("assembly.attendance", entity: "assembly", scope: assembly.divisionCode) { db in
            try await Assemblies.registerAttendance(of: residentID, at: assembly, by: who.actor.username, vault: vault, db: db)
        }
        return assembly
    }

    static func open(_ req: Request) async throws -> Assembly {
        let assembly = try await load(req)
        let who = try await req.actingFor(.residentsCommittee, .assemblyConvene, at: assembly.divisionCode, entity: "assembly")
        let vault = PersonalDataVault(secrets: req.application.secrets)
        try await req.writeRecorded("assembly.open", entity: "assembly", scope: assembly.divisionCode) { db in
            try await Assemblies.openVoting(assembly, by: who.body, vault: vault, db: db)
        }
        return assembly
    }

    /// A resident's own ballot. The audit log records that a ballot was cast, never its choice.
    static func vote(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(BallotInput.self)
        _ = try await castOwn(input.choice, req: req)
        return Response(status: .created)
    }

    /// The caller's own ballot, from the API or the page.
    static func castOwn(_ choice: BallotChoice, req: Request) async throws -> Assembly {
        let assembly = try await load(req)
        let residentID = try await req.residentOf(assembly.divisionCode, action: .assemblyVote, entity: "assembly").requireID()
        let vault = PersonalDataVault(secrets: req.application.secrets)
        try await req.writeRecorded("assembly.vote", entity: "assembly", scope: assembly.divisionCode) { db in
            try await Assemblies.cast(choice, residentID: residentID, in: assembly, vault: vault, db: db)
        }
        return assembly
    }

    static func close(_ req: Request) async throws -> TallyView {
        let assembly = try await load(req)
        guard let matter = try await Matter.find(assembly.matterID, on: req.db) else { throw ShequError.notFound }
        let who = try await req.actingFor(.residentsCommittee, .assemblyConvene, at: assembly.divisionCode, entity: "assembly")
        let t = try await req.writeRecorded("assembly.close", entity: "assembly", scope: assembly.divisionCode) { db in
            try await Assemblies.close(assembly, matter: matter, by: who.body, db: db)
        }
        return TallyView(eligible: t.eligible, present: t.present, inFavor: t.inFavor, against: t.against, abstain: t.abstain,
                         quorumMet: t.quorumMet, passed: t.passed)
    }

    static func adjourn(_ req: Request) async throws -> Assembly {
        let assembly = try await load(req)
        let who = try await req.actingFor(.residentsCommittee, .assemblyConvene, at: assembly.divisionCode, entity: "assembly")
        try await req.writeRecorded("assembly.adjourn", entity: "assembly", scope: assembly.divisionCode) { db in
            try await Assemblies.adjourn(assembly, by: who.body, db: db)
        }
        return assembly
    }
}
