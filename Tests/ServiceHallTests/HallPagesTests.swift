import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

/// The hall's API-only features on pages: each form runs the API's command (same result, same audit entry),
/// a wrong role is refused and logged, bad input is a 4xx with a message and changes nothing.
@Suite struct HallPagesTests {
    func centerA(_ app: Vapor.Application) async throws -> (place: ServicePlace, windows: [ServiceWindow]) {
        let place = try #require(try await ServicePlace.query(on: app.db).filter(\.$kind == .center).filter(\.$divisionCode == streetA).first())
        let windows = try await ServiceWindow.query(on: app.db).filter(\.$placeID == place.id!).sort(\.$number).all()
        return (place, windows)
    }

    func audits(_ app: Vapor.Application, _ action: String, denied: Bool = false) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == (denied ? "denied" : "ok")).count()
    }

    func signedIn(_ app: Vapor.Application, _ username: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(username)
        try await browser.get("/applications")
        return browser
    }

    func ticket(_ app: Vapor.Application, _ number: Int) async throws -> QueueTicket {
        try #require(try await QueueTicket.query(on: app.db).filter(\.$number == number).first())
    }

    @Test func queuePageCallsRecallsAndSkipsAsTheAPIDoes() async throws {
        try await withServiceHall { app, f in
            let (place, windows) = try await centerA(app)
            for _ in 0..<3 { _ = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/tickets", json: [:]) }
            let staff = try await signedIn(app, "window.a")
            #expect(staff.lastBody.contains("href=\"/queue\""))
            let places = try await staff.get("/queue")
            #expect(places.body.contains("/places/\(place.id!)/queue"))
            let queue = try await staff.get("/places/\(place.id!)/queue")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("/service-windows/\(windows[0].id!)/call"))

            let called = try await staff.post("/service-windows/\(windows[0].id!)/call", form: [:])
            #expect(called.status == .seeOther)
            #expect(called.headers.first(name: .location) == "/places/\(place.id!)/queue")
            #expect(try await ticket(app, 1).state == .called)
            #expect(try await ticket(app, 1).windowID == windows[0].id)
            // The API's call writes the same audit entry.
            _ = try await app.api(.POST, "/api/v1/service-windows/\(windows[1].id!)/call", token: f.windowA)
            #expect(try await ticket(app, 2).state == .called)
            #expect(try await audits(app, "queue.call") == 2)

            let first = try await ticket(app, 1).id!
            try await staff.get("/places/\(place.id!)/queue")
            #expect(try await staff.post("/service-tickets/\(first)/skip", form: [:]).status == .seeOther)
            #expect(try await ticket(app, 1).state == .noShow)
            #expect(try await audits(app, "queue.skip") == 1)
            try await staff.get("/places/\(place.id!)/queue")
            #expect(try await staff.post("/service-tickets/\(first)/recall", form: [:]).status == .seeOther)
            #expect(try await ticket(app, 1).state == .called)
            #expect(try await audits(app, "queue.recall") == 1)
            let second = try await ticket(app, 2).id!
            let apiSkip = try await app.api(.POST, "/api/v1/service-tickets/\(second)/skip", token: f.windowA)
            #expect(apiSkip.status == .ok)
            #expect(apiSkip.object["state"] as? String == "noShow")
            #expect(try await audits(app, "queue.skip") == 2)

            // A waiting ticket cannot be skipped or recalled: a 409 with the reason, nothing moved.
            let waiting = try await ticket(app, 3).id!
            try await staff.get("/places/\(place.id!)/queue")
            let early = try await staff.post("/service-tickets/\(waiting)/skip", form: [:])
            #expect(early.status == .conflict)
            #expect(early.body.contains("不能进行此操作"))
            #expect(try await app.api(.POST, "/api/v1/service-tickets/\(waiting)/recall", token: f.windowA).status == .conflict)
            #expect(try await ticket(app, 3).state == .waiting)

            // Another street's window staff are refused, on the page as by the API, and every refusal is logged.
            let other = try await signedIn(app, "window.b")
            #expect(try await other.get("/places/\(place.id!)/queue").status == .forbidden)
            #expect(try await other.post("/service-windows/\(windows[0].id!)/call", form: [:]).status == .forbidden)
            #expect(try await other.post("/service-tickets/\(first)/skip", form: [:]).status == .forbidden)
            #expect(try await app.api(.POST, "/api/v1/service-tickets/\(first)/recall", token: f.windowB).status == .forbidden)
            #expect(try await ticket(app, 3).state == .waiting)
            #expect(try await ticket(app, 1).state == .called)
            #expect(try await audits(app, "application.handle", denied: true) == 4)
            let resident = try await signedIn(app, "applicant")
            #expect(try await resident.get("/queue").status == .forbidden)
        }
    }

    @Test func appointmentsAreOpenedBookedCancelledAndArrivedOnPages() async throws {
        try await withServiceHall { app, f in
            let (place, _) = try await centerA(app)
            let today = ApplicationsAPIController.today().description
            let staff = try await signedIn(app, "window.a")
            let slots = try await staff.get("/places/\(place.id!)/slots")
            #expect(slots.body.contains("action=\"/places/\(place.id!)/slots\""))
            let bad = try await staff.post("/places/\(place.id!)/slots", form: ["day": today, "start": "10:00", "end": "09:00", "capacity": "2"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("时间无效"))
            let tooMany = try await staff.post("/places/\(place.id!)/slots", form: ["day": today, "start": "09:00", "end": "10:00", "capacity": "501"])
            #expect(tooMany.status == .unprocessableEntity)
            #expect(try await app.count(AppointmentSlot.self) == 0)
            try await staff.get("/places/\(place.id!)/slots")
            let opened = try await staff.post("/places/\(place.id!)/slots", form: ["itemCode": "", "day": today, "start": "09:00", "end": "10:00", "capacity": "2"])
            #expect(opened.status == .seeOther)
            let slot = try #require(try await AppointmentSlot.query(on: app.db).first())
            #expect(slot.capacity == 2 && slot.startMinute == 540)
            #expect(try await audits(app, "appointmentSlot.create") == 1)

            let other = try await signedIn(app, "window.b")
            #expect(try await other.post("/places/\(place.id!)/slots", form: ["day": today, "start": "11:00", "end": "12:00", "capacity": "1"]).status == .forbidden)
            #expect(try await audits(app, "service.setup", denied: true) == 1)
            #expect(try await app.count(AppointmentSlot.self) == 1)

            let resident = try await signedIn(app, "applicant")
            #expect(resident.lastBody.contains("href=\"/appointments\""))
            let mine = try await resident.get("/appointments")
            #expect(mine.body.contains("/places/\(place.id!)/slots"))
            let offered = try await resident.get("/places/\(place.id!)/slots")
            #expect(offered.body.contains("/slots/\(slot.id!)/appointments"))
            let booked = try await resident.post("/slots/\(slot.id!)/appointments", form: [:])
            #expect(booked.status == .seeOther)
            #expect(booked.headers.first(name: .location) == "/appointments")
            let appointment = try #require(try await Appointment.query(on: app.db).first())
            #expect(appointment.state == .booked && appointment.residentID == f.residentID)
            #expect(try await audits(app, "appointment.book") == 1)
            try await resident.get("/places/\(place.id!)/slots")
            let twice = try await resident.post("/slots/\(slot.id!)/appointments", form: [:])
            #expect(twice.status == .conflict)
            #expect(twice.body.contains("您已预约该时段"))
            #expect(try await app.count(Appointment.self) == 1)
            // Staff do not book for themselves: refused and logged as the API refuses them.
            try await staff.get("/places/\(place.id!)/slots")
            #expect(try await staff.post("/slots/\(slot.id!)/appointments", form: [:]).status == .forbidden)
            #expect(try await audits(app, "appointment.book", denied: true) == 1)

            let day = try await staff.get("/places/\(place.id!)/appointments")
            #expect(day.body.contains("申请人"))
            #expect(day.body.contains("/appointments/\(appointment.id!)/arrive"))
            #expect(try await other.post("/appointments/\(appointment.id!)/arrive", form: [:]).status == .notFound)
            #expect(try await audits(app, "application.handle", denied: true) == 1)
            let arrived = try await staff.post("/appointments/\(appointment.id!)/arrive", form: [:])
            #expect(arrived.status == .seeOther)
            #expect(try await Appointment.find(appointment.id, on: app.db)?.state == .arrived)
            #expect(try await app.count(QueueTicket.self) == 1)
            #expect(try await audits(app, "appointment.arrive") == 1)
            #expect(try await staff.get("/places/\(place.id!)/appointments?day=2026-13-40").status == .unprocessableEntity)

            // Cancelling from the resident's own list; a second cancel is a 409 and frees nothing more.
            let later = try await app.api(.POST, "/api/v1/service-places/\(place.id!)/slots", token: f.windowA,
                                          json: ["day": "2099-01-05", "start": "09:00", "end": "10:00", "capacity": 1])
            let laterID = try #require(later.object["id"] as? String)
            _ = try await app.api(.POST, "/api/v1/slots/\(laterID)/appointments", token: f.resident)
            let booking = try #require(try await Appointment.query(on: app.db).filter(\.$state == .booked).first())
            let list = try await resident.get("/appointments")
            #expect(list.body.contains("/appointments/\(booking.id!)/cancel"))
            #expect(try await resident.post("/appointments/\(booking.id!)/cancel", form: [:]).status == .seeOther)
            #expect(try await Appointment.find(booking.id, on: app.db)?.state == .cancelled)
            #expect(try await AppointmentSlot.find(UUID(uuidString: laterID), on: app.db)?.booked == 0)
            #expect(try await audits(app, "appointment.cancel") == 1)
            try await resident.get("/appointments")
            #expect(try await resident.post("/appointments/\(booking.id!)/cancel", form: [:]).status == .conflict)
        }
    }

    @Test func rosterPageRunsTheRosterCommand() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "window.a2", .centerStaff, streetA)
            let (place, _) = try await centerA(app)
            // The contracted hours are the staff records' (Workforce): the page shows them and takes none.
            try await recordStaff(app, place: place.id!, [("window.a", 40), ("window.a2", 40)])
            let week = (1...5).map { "window.a 1 \($0) 08:00 16:00\nwindow.a2 2 \($0) 11:30 19:30" }.joined(separator: "\n")
            let anonymous = try await Browser(app).get("/places/\(place.id!)/roster")
            #expect(anonymous.status == .ok)
            #expect(!anonymous.body.contains("name=\"shifts\""))

            let staff = try await signedIn(app, "window.a")
            let places = try await staff.get("/queue")
            #expect(places.body.contains("/places/\(place.id!)/roster"))
            let page = try await staff.get("/places/\(place.id!)/roster")
            #expect(page.body.contains("name=\"shifts\""))
            #expect(!page.body.contains("name=\"contracts\""))
            #expect(page.body.contains("合同周工时（来自社区工作者档案）"))
            let typed = try await staff.post("/places/\(place.id!)/roster", form: ["contracts": "window.a 60", "shifts": week])
            #expect(typed.status == .unprocessableEntity)
            #expect(typed.body.contains("合同周工时以社区工作者档案为准"))
            #expect(try await RosterShift.query(on: app.db).count() == 0)
            try await staff.get("/places/\(place.id!)/roster")
            let saved = try await staff.post("/places/\(place.id!)/roster", form: ["shifts": week])
            #expect(saved.status == .seeOther)
            #expect(try await RosterShift.query(on: app.db).count() == 10)
            let stored = try #require(try await ServicePlace.find(place.id, on: app.db))
            #expect(stored.openingHours.hasPrefix("周一 08:00–19:30"))
            #expect(try await audits(app, "roster.set") == 1)
            let shown = try await staff.get("/places/\(place.id!)/roster")
            #expect(shown.body.contains("window.a2 2 1 11:30 19:30"))
            #expect(shown.body.contains("<td data-label=\"每周小时\">40</td>"))

            // Over the contract, an unreadable line, an unknown window: each refused with what is wrong, nothing written.
            let over = try await staff.post("/places/\(place.id!)/roster", form: ["shifts": week + "\nwindow.a2 2 6 09:00 12:00"])
            #expect(over.status == .unprocessableEntity)
            #expect(over.body.contains("超过合同约定的 40.0 小时"))
            try await staff.get("/places/\(place.id!)/roster")
            let unreadable = try await staff.post("/places/\(place.id!)/roster", form: ["shifts": "window.a one 1 08:00 16:00"])
            #expect(unreadable.status == .unprocessableEntity)
            #expect(unreadable.body.contains("班次这一行无法识别"))
            try await staff.get("/places/\(place.id!)/roster")
            let noWindow = try await staff.post("/places/\(place.id!)/roster", form: ["shifts": "window.a 99 1 08:00 16:00"])
            #expect(noWindow.status == .unprocessableEntity)
            #expect(try await RosterShift.query(on: app.db).count() == 10)
            #expect(try await RosterShift.query(on: app.db).filter(\.$weekday == 6).count() == 0)

            let other = try await signedIn(app, "window.b")
            #expect(!(try await other.get("/places/\(place.id!)/roster")).body.contains("name=\"shifts\""))
            #expect(try await other.post("/places/\(place.id!)/roster", form: ["contracts": "", "shifts": ""]).status == .forbidden)
            #expect(try await audits(app, "service.setup", denied: true) == 1)
            #expect(try await RosterShift.query(on: app.db).count() == 10)
            #expect(try await app.api(.PUT, "/api/v1/service-places/\(place.id!)/roster", token: f.windowB,
                                      json: ["contracts": [], "shifts": []]).status == .forbidden)
            #expect(try await audits(app, "service.setup", denied: true) == 2)
        }
    }

    @Test func walkInApplicationsFindTheResidentByExactIDAndAreThrottled() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let staff = try await signedIn(app, "window.a")
            #expect(staff.lastBody.contains("href=\"/walk-in\""))
            let form = try await staff.get("/walk-in")
            #expect(form.status == .ok)
            #expect(form.body.contains("name=\"residentIDNumber\""))
            let idNumber = validID("44040219700101123")
            let submitted = try await staff.post("/walk-in", form: ["itemCode": "RS-002", "residentIDNumber": idNumber, "channel": "hotline", "details": "电话申请"])
            #expect(submitted.status == .seeOther)
            let application = try #require(try await Application.query(on: app.db).first())
            #expect(submitted.headers.first(name: .location) == "/applications/\(application.trackingNumber)")
            #expect(application.residentID == f.residentID)
            #expect(application.channel == .hotline)
            #expect(application.responsibleAccountID != nil)
            #expect(try await audits(app, "application.submit") == 1)

            // Bad input: an ID number that is no ID number, an unknown item; nothing is submitted.
            try await staff.get("/walk-in")
            #expect(try await staff.post("/walk-in", form: ["itemCode": "RS-002", "residentIDNumber": "12345"]).status == .unprocessableEntity)
            try await staff.get("/walk-in")
            #expect(try await staff.post("/walk-in", form: ["itemCode": "RS-002", "residentIDNumber": idNumber, "channel": "online"]).status == .unprocessableEntity)
            try await staff.get("/walk-in")
            #expect(try await staff.post("/walk-in", form: ["itemCode": "NOPE", "residentIDNumber": idNumber]).status == .unprocessableEntity)
            #expect(try await app.count(Application.self) == 1)

            // Numbers that find nobody count against the account, as on the API: the sixth in a minute is refused.
            var statuses: [HTTPResponseStatus] = []
            for i in 0..<6 {
                try await staff.get("/walk-in")
                statuses.append(try await staff.post("/walk-in", form: ["itemCode": "RS-002", "residentIDNumber": validID("4404021980010100\(i)")]).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .notFound })
            #expect(statuses.last == .tooManyRequests)
            #expect(try await app.count(Application.self) == 1)

            // Roles that do not apply for residents: refused and logged.
            let resident = try await signedIn(app, "applicant")
            #expect(try await resident.get("/walk-in").status == .forbidden)
            #expect(try await audits(app, "application.submitForResident", denied: true) == 1)
            let street = try await signedIn(app, "street.a")
            #expect(!street.lastBody.contains("href=\"/walk-in\""))
            #expect(try await street.post("/walk-in", form: ["itemCode": "RS-002", "residentIDNumber": idNumber]).status == .notFound)
            #expect(try await audits(app, "application.submitForResident", denied: true) == 2)
            #expect(try await app.count(Application.self) == 1)
        }
    }

    @Test func materialsAreUploadedFromTheApplyFormAndTheApplicationPage() async throws {
        try await withServiceHall { app, f in
            let materials = try await materialIDs(app, item: "RS-002", onlyRequired: false)
            #expect(materials.count >= 2)
            let resident = try await signedIn(app, "applicant")
            let guide = try await resident.get("/services/RS-002")
            #expect(guide.body.contains("enctype=\"multipart/form-data\""))
            #expect(guide.body.contains("name=\"files[\(materials[0].uppercased())]\""))

            // A file that is not PDF, JPEG or PNG: refused before the application is submitted.
            let wrong = try await resident.postMultipart("/services/RS-002/apply", fileField: "files[\(materials[0])]", filename: "scan.pdf",
                                                         data: Data("MZ\u{90}\u{0}".utf8), fields: ["details": "带材料"])
            #expect(wrong.status == .unsupportedMediaType)
            #expect(try await app.count(Application.self) == 0)
            #expect(try await app.count(MaterialUpload.self) == 0)

            try await resident.get("/services/RS-002")
            let applied = try await resident.postMultipart("/services/RS-002/apply", fileField: "files[\(materials[0])]", filename: "身份证.pdf",
                                                           data: pdf, fields: ["details": "带材料"])
            #expect(applied.status == .seeOther)
            let application = try #require(try await Application.query(on: app.db).first())
            let upload = try #require(try await MaterialUpload.query(on: app.db).first())
            #expect(upload.applicationID == application.id && upload.materialID.uuidString.lowercased() == materials[0].lowercased())
            #expect(try await audits(app, "material.upload") == 1)

            let page = try await resident.get("/applications/\(application.trackingNumber)")
            #expect(page.body.contains("/applications/\(application.trackingNumber)/materials/\(materials[1].uppercased())"))
            #expect(page.body.contains("/applications/\(application.trackingNumber)/files/\(upload.id!)"))
            let second = try await resident.postMultipart("/applications/\(application.trackingNumber)/materials/\(materials[1])", fileField: "file",
                                                          filename: "户口簿.pdf", data: pdf, fields: [:])
            #expect(second.status == .seeOther)
            #expect(second.headers.first(name: .location) == "/applications/\(application.trackingNumber)")
            #expect(try await app.count(MaterialUpload.self) == 2)
            #expect(try await audits(app, "material.upload") == 2)

            try await resident.get("/applications/\(application.trackingNumber)")
            let big = try await resident.postMultipart("/applications/\(application.trackingNumber)/materials/\(materials[1])", fileField: "file",
                                                       filename: "big.pdf", data: pdf + Data(count: MaterialUploads.maxBytes), fields: [:])
            #expect(big.status == .payloadTooLarge)
            #expect(big.body.contains("10 MB"))
            #expect(try await app.count(MaterialUpload.self) == 2)

            let staff = try await signedIn(app, "window.a")
            let file = try await staff.get("/applications/\(application.trackingNumber)/files/\(upload.id!)")
            #expect(file.status == .ok)
            #expect(file.body == String(decoding: pdf, as: UTF8.self))
            #expect(try await audits(app, "material.read") == 1)

            let other = try await signedIn(app, "window.b")
            let refused = try await other.postMultipart("/applications/\(application.trackingNumber)/materials/\(materials[1])", fileField: "file",
                                                        filename: "x.pdf", data: pdf, fields: [:])
            #expect(refused.status == .notFound)
            #expect(try await audits(app, "application.read", denied: true) == 1)
            #expect(try await app.count(MaterialUpload.self) == 2)
            _ = f
        }
    }

    @Test func ratingsReportAndFollowUpsOnPages() async throws {
        try await withServiceHall { app, f in
            try await makeAccount(app, "street.a", .streetOfficial, streetA)
            let number = try await finishedApplication(app, f)
            _ = try await app.api(.POST, "/api/v1/applications/\(number)/rating", token: f.resident, json: ["level": "dissatisfied", "comment": "等太久"])
            let followUp = try #require(try await FollowUp.query(on: app.db).first())

            let staff = try await signedIn(app, "window.a")
            #expect(staff.lastBody.contains("href=\"/ratings\""))
            let report = try await staff.get("/ratings")
            #expect(report.status == .ok)
            #expect(report.body.contains("等太久"))
            #expect(report.body.contains("/follow-ups/\(followUp.id!)/answer"))
            let csv = try await staff.get("/ratings/report.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains("rating,dissatisfied,1"))
            try await staff.get("/ratings")

            let noGround = try await staff.post("/follow-ups/\(followUp.id!)/answer", form: ["state": "appealed", "response": "误评"])
            #expect(noGround.status == .unprocessableEntity)
            try await staff.get("/ratings")
            let empty = try await staff.post("/follow-ups/\(followUp.id!)/answer", form: ["state": "rectified", "response": ""])
            #expect(empty.status.code >= 400 && empty.status.code < 500)
            #expect(try await FollowUp.find(followUp.id, on: app.db)?.state == .open)

            let other = try await signedIn(app, "window.b")
            #expect(try await other.post("/follow-ups/\(followUp.id!)/answer", form: ["state": "rectified", "response": "x"]).status == .notFound)
            #expect(try await audits(app, "application.handle", denied: true) == 1)

            try await staff.get("/ratings")
            let answered = try await staff.post("/follow-ups/\(followUp.id!)/answer", form: ["state": "rectified", "response": "已电话回访并改进"])
            #expect(answered.status == .seeOther)
            let stored = try #require(try await FollowUp.find(followUp.id, on: app.db))
            #expect(stored.state == .rectified && stored.answeredBy == "window.a")
            #expect(try await audits(app, "followUp.answer") == 1)
            try await staff.get("/ratings")
            #expect(try await staff.post("/follow-ups/\(followUp.id!)/answer", form: ["state": "rectified", "response": "again"]).status == .conflict)

            // A street official reads the report but answers nothing; a resident reads neither.
            let street = try await signedIn(app, "street.a")
            let read = try await street.get("/ratings")
            #expect(read.status == .ok)
            #expect(!read.body.contains("/answer"))
            let resident = try await signedIn(app, "applicant")
            #expect(try await resident.get("/ratings").status == .forbidden)
            #expect(try await audits(app, "application.read", denied: true) == 1)
        }
    }
}
