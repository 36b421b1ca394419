import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Applying at the window (一门式) or by hotline (一号式) for a resident named by their ID number. The lookup is the
/// submission command's own: exact, audited, and limited per account as the API's is.
enum WalkInPages {
    struct WalkInForm: Content {
        var itemCode: String
        var residentIDNumber: String
        var details: String?
        var channel: String?
    }

    static let channels: [ApplicationChannel] = [.window, .hotline]

    static func form(_ req: Request) async throws -> WebPage {
        try await req.authorize(.applicationSubmitForResident, entity: "application")
        let ctx = req.context
        let f = ctx.forms
        let items = try await CatalogueController.items(on: req.db)
        let parents = Set(items.compactMap(\.parentCode))
        let leaves = items.filter { !parents.contains($0.code) }
        return WebPage(title: ctx.t(.hallWalkInApply), [
            H.tag("p", [], [.text(ctx.t(.hallWalkInIntro))]),
            f.form(action: "/walk-in", [
                f.field(.hallResidentIDNumberLabel, name: "residentIDNumber", required: true, autocomplete: "off", maxLength: 20),
                f.select(.serviceItem, name: "itemCode", options: leaves.map { ($0.code, $0.code + " " + ServiceHallPages.name($0, ctx)) }, selected: nil),
                f.select(.channel, name: "channel", options: channels.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: ApplicationChannel.window.rawValue),
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-details")], [.text(ctx.t(.applicationDetails) + " " + ctx.t(.optional))]),
                    H.tag("textarea", [("name", "details"), ("id", "f-details"), ("maxlength", "2000"), ("rows", "4")], []),
                ]),
                f.submit(.hallWalkInSubmit),
            ]),
        ])
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(WalkInForm.self)
        let channel = form.channel.flatMap(ApplicationChannel.init(rawValue:)) ?? .window
        guard channels.contains(channel) else { throw ShequError.invalid(.errorInvalidValue, "channel") }
        let input = ApplicationsAPIController.SubmitInput(itemCode: form.itemCode, details: form.details, residentID: nil,
                                                          residentIDNumber: form.residentIDNumber, channel: channel, placeID: nil)
        let a = try await ApplicationsAPIController.submitAudited(input, req: req)
        return req.redirect(to: "/applications/\(a.trackingNumber)")
    }
}

extension WalkInPages.WalkInForm: ValidatedInput {
    static var inputSchema: InputSchema {
        InputSchema("WalkInForm", [
            InputField("itemCode", ServiceHallInputs.itemCode.kind, required: true),
            .string("residentIDNumber", max: 20, required: true, description: "the resident's ID number, found exactly (一号式)"),
            .string("details", max: 2000), .oneOf("channel", WalkInPages.channels.map(\.rawValue)),
        ])
    }
}
