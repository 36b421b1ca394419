import Fluent
import ShequPlatform
import Vapor

/// The residents' committee's own office work (H8): meeting minutes, duty schedule, work log, documents received and
/// sent with their deadlines and the overdue list, and the seal register, each in the committee's scope only and
/// append-only (corrections are new entries).
public struct CommitteeOfficeModule: ShequModule {
    public init() {}
    public var name: String { "committeeOffice" }
    public var migrations: [any Migration] { [CreateCommitteeOffice()] }

    public func demo(_ app: Application) async throws -> String? { try await OfficeDemo.fill(app) }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("communities", ":code", "office", use: OfficePages.index)
        web.get("communities", ":code", "office", "overdue.csv", use: OfficePages.overdueCSV)
        let limit = OfficeInputs.bodyLimit
        web.on(.POST, "communities", ":code", "office", "documents", ":id", "handled", body: .collect(maxSize: limit),
               use: PageDoor.submit(OfficeAPIController.handled, back: OfficePages.handledBack)).formBody(limit: limit)
        for kind in OfficeKind.listed {
            web.get("communities", ":code", "office", .constant(kind.segment), use: OfficePages.list(kind))
            web.get("communities", ":code", "office", .constant(kind.segment + ".csv"), use: OfficePages.csv(kind))
            web.on(.POST, "communities", ":code", "office", .constant(kind.segment), body: .collect(maxSize: limit),
                   use: PageDoor.submit(OfficeAPIController.record(kind), back: OfficePages.back(kind))).formBody(limit: limit)
        }

        api.schema(OfficeAPIController.MinutesInput.self)
        api.schema(OfficeAPIController.DutyInput.self)
        api.schema(OfficeAPIController.LogInput.self)
        api.schema(OfficeAPIController.DocumentReceivedInput.self)
        api.schema(OfficeAPIController.DocumentSentInput.self)
        api.schema(OfficeAPIController.SealUseInput.self)
        api.schema(OfficeAPIController.HandledInput.self)
        let tag = "committee-office"
        let read: [Int: String] = [200: "OK", 403: "Neither the community's committee nor its street (logged)", 404: "No such community"]
        for kind in OfficeKind.listed {
            let what = Self.describe(kind)
            api.on(.GET, "communities/{code}/office/\(kind.segment)",
                   doc: .init("The committee's \(what), newest first, corrected entries marked (the community's committee; its street reads)",
                              tag: tag, query: QueryParameter.paging, responses: read),
                   use: OfficeAPIController.list(kind))
            api.on(.POST, "communities/{code}/office/\(kind.segment)",
                   doc: .init("Record an entry of the committee's \(what); with `corrects`, a correction of an earlier entry, which stays (the community's committee)",
                              tag: tag, requestBody: Self.schemaName(kind),
                              responses: [201: "Recorded", 403: "Not the community's committee (logged)", 404: "No such community",
                                          409: "The entry corrected was already corrected, or is a handled document",
                                          422: "Invalid input: a date, a time, a deadline, a seal approved by its user, a correction of another kind"]),
                   body: .collect(maxSize: limit), use: OfficeAPIController.record(kind))
        }
        api.on(.GET, "communities/{code}/office/documents/overdue",
               doc: .init("Documents received or sent past their deadline and not handled (the community's committee; its street reads)",
                          tag: tag, query: QueryParameter.paging, responses: read),
               use: OfficeAPIController.overdue)
        api.on(.POST, "communities/{code}/office/documents/{id}/handled",
               doc: .init("Record how a document received or sent was handled, which closes it (the community's committee)", tag: tag,
                          requestBody: "OfficeDocumentHandledInput",
                          responses: [201: "Recorded", 403: "Not the community's committee (logged)", 404: "No such document in this community",
                                      409: "Already handled, or its entry was corrected", 422: "Invalid input or a date before the document's"]),
               body: .collect(maxSize: limit), use: OfficeAPIController.handled)
    }

    static func describe(_ kind: OfficeKind) -> String {
        switch kind {
        case .minutes: "meeting minutes"
        case .duty: "duty schedule"
        case .log: "work log"
        case .documentReceived: "documents received"
        case .documentSent: "documents sent"
        case .sealUse: "seal-use register"
        case .documentHandled: "document handlings"
        }
    }

    static func schemaName(_ kind: OfficeKind) -> String {
        switch kind {
        case .minutes: OfficeInputs.minutes.name
        case .duty: OfficeInputs.duty.name
        case .log: OfficeInputs.log.name
        case .documentReceived: OfficeInputs.documentReceived.name
        case .documentSent: OfficeInputs.documentSent.name
        case .sealUse: OfficeInputs.sealUse.name
        case .documentHandled: OfficeInputs.handled.name
        }
    }
}
