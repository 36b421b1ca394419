import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommitteeOffice

/// What a hostile review of the office records found, each kept from coming back.
@Suite struct CommitteeOfficeReviewTests {
    /// Minutes as long as the form and the schema allow, in Chinese, are a form body far past the application's
    /// 16 kB default: they were refused 413 and the meeting went unrecorded.
    @Test func minutesAsLongAsTheFormAllowsAreRecordedFromThePage() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let browser = Browser(app)
            try await browser.signIn(OfficeFixture.committee)
            _ = try await browser.get("/communities/\(communityA)/office/minutes")
            let text = String(repeating: "会", count: OfficeInputs.textMax)
            let posted = try await browser.post("/communities/\(communityA)/office/minutes",
                                                form: ["heldOn": OfficeFixture.day(-1), "title": "居委会例会",
                                                       "attendees": String(repeating: "张", count: OfficeInputs.peopleMax), "text": text])
            #expect(posted.status == .seeOther, "\(posted.status)")
            let stored = try await OfficeEntry.query(on: app.db).filter(\.$kind == .minutes).all()
            #expect(stored.count == 1 && stored.first?.body == text)
        }
    }
}

extension CommitteeOfficeReviewTests {
    /// `Int` reads a sign: "+8:30" and "08:-0" were taken for times and stored as typed.
    @Test func aDutyTimeWithASignIsRefused() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            for (start, end) in [("+8:30", "17:30"), ("08:30", "17:+5"), ("-0:30", "17:30"), ("08:30", "1７:30")] {
                var json = OfficeFixture.duty
                json["startsAt"] = start
                json["endsAt"] = end
                let res = try await app.api(.POST, "\(OfficeFixture.base)/duty-schedule", token: committee, json: json)
                #expect(res.status == .unprocessableEntity, "\(start)–\(end): \(res.status)")
            }
            #expect(try await OfficeEntry.query(on: app.db).count() == 0)
        }
    }
}

extension CommitteeOfficeReviewTests {
    /// The overdue list on the office's index holds documents sent too: it headed their addressee 来文单位 / From
    /// and did not say which register a row came from.
    @Test func theOverdueListSaysWhetherADocumentWasReceivedOrSent() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            var sent = OfficeFixture.sent
            sent["deadline"] = OfficeFixture.day(-1)
            let res = try await app.api(.POST, "\(OfficeFixture.base)/documents-sent", token: committee, json: sent)
            #expect(res.status == .created, "\(res.body)")
            let english = Browser(app)
            english.cookies["shequ-lang"] = "en"
            try await english.signIn(OfficeFixture.committee)
            let page = try await english.get("/communities/\(communityA)/office")
            #expect(page.body.contains("关于增设充电点的请示"))
            #expect(page.body.contains(">From or to<") && !page.body.contains(">From<"))
            #expect(page.body.contains(">Documents sent</td>"))
            let chinese = Browser(app)
            try await chinese.signIn(OfficeFixture.committee)
            #expect(try await chinese.get("/communities/\(communityA)/office").body.contains(">来文或发往单位<"))
        }
    }
}

extension CommitteeOfficeReviewTests {
    /// The workbench counted documents received and sent together behind a link to those received: a letter the
    /// committee sent and must follow up was looked for in the wrong register.
    @Test func theWorkbenchCountsOpenDocumentsPerRegister() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            let res = try await app.api(.POST, "\(OfficeFixture.base)/documents-sent", token: committee, json: OfficeFixture.sent)
            #expect(res.status == .created, "\(res.body)")
            let english = Browser(app)
            english.cookies["shequ-lang"] = "en"
            try await english.signIn(OfficeFixture.committee)
            let bench = try await english.get("/workbench")
            #expect(bench.body.contains("/communities/\(communityA)/office/documents-sent"))
            #expect(bench.body.contains("Documents sent, open") && bench.body.contains("Documents received, open"))
        }
    }
}

extension CommitteeOfficeReviewTests {
    /// A correction and a handling of one document sent at the same moment: one of them is refused, never both
    /// written (on PostgreSQL each read the document as open before the other wrote).
    @Test func aDocumentIsNotCorrectedAndHandledAtOnce() async throws {
        try await withShequ { app in
            try await OfficeFixture.accounts(app)
            let committee = try await app.token(OfficeFixture.committee)
            var documents: [String] = []
            for i in 0..<6 {
                let res = try await app.api(.POST, "\(OfficeFixture.base)/documents-received", token: committee,
                                            json: OfficeFixture.received(deadline: 5, title: "通知\(i)"))
                documents.append(try #require(res.object["id"] as? String, "\(res.body)"))
            }
            for id in documents {
                var correction = OfficeFixture.received(deadline: 6, title: "通知（更正）")
                correction["corrects"] = id
                async let corrected = app.api(.POST, "\(OfficeFixture.base)/documents-received", token: committee, json: correction)
                async let handled = app.api(.POST, "\(OfficeFixture.base)/documents/\(id)/handled", token: committee,
                                            json: ["handledOn": OfficeFixture.day(0), "text": "已办理"])
                let statuses = [try await corrected.status, try await handled.status]
                #expect(statuses.filter { $0 == .created }.count == 1 && statuses.contains(.conflict), "\(id): \(statuses)")
                let uuid = try #require(UUID(uuidString: id))
                let followers = try await OfficeEntry.query(on: app.db).group(.or) { $0.filter(\.$correctsID == uuid).filter(\.$handlesID == uuid) }.count()
                #expect(followers == 1)
            }
        }
    }
}
