import Fluent
import ShequKernel
import ShequPlatform
import Vapor

extension ServiceHallModule {
    /// Window staff: applications in reach, due soon and overdue, the queue, follow-ups to answer.
    /// Officials: their area's applications and the ratings report. Department staff: what was
    /// transferred to them. Residents: their applications, notices and bookings. Each count uses
    /// the reach (`ApplicationReach`) of the list it links to, so it shows no more than that list.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let roles = actor.roles
        let staff = Policy.may(actor, .applicationRead)
        let today = ApplicationsAPIController.today()
        if staff {
            let applications = try await applicationItems(actor, today: today, on: req)
            if !roles.isDisjoint(with: Role.windowStaff) {
                sections.append(WorkbenchSection(key: "serviceHall-window", title: .workbenchWindow,
                                                 items: applications + (try await windowItems(actor, today: today, on: req.db))))
            }
            if !roles.isDisjoint(with: [.streetOfficial, .districtOfficial, .cityAdministrator]) {
                sections.append(WorkbenchSection(key: "serviceHall-area", title: .workbenchAreaService,
                                                 items: applications + [WorkbenchItem(.workbenchRatingsReport, link: "/ratings")]))
            }
            if roles.contains(.departmentStaff) {
                sections.append(WorkbenchSection(key: "serviceHall-transferred", title: .workbenchTransferred, items: applications))
            }
        }
        let setup = try await setupItems(actor, on: req.db)
        if !setup.isEmpty {
            sections.append(WorkbenchSection(key: "serviceHall-setup", title: .workbenchServiceSetup, items: setup))
        }
        if roles.contains(.resident), let own = actor.residentID {
            sections.append(WorkbenchSection(key: "serviceHall-resident", title: .workbenchMyServices,
                                             items: try await residentItems(own, today: today, on: req.db)))
        }
        return sections
    }

    /// What the offices that set the hall up keep: the catalogue (city) and the places in their area (district, street).
    /// The menu had these links, the workbench did not, so an administrator's start page never led to the catalogue.
    private func setupItems(_ actor: Actor, on db: any Database) async throws -> [WorkbenchItem] {
        var items: [WorkbenchItem] = []
        if Policy.may(actor, .catalogueEdit) {
            let inForce = try await ServiceItem.query(on: db).filter(\.$retired == false).count()
            items.append(WorkbenchItem(.workbenchCatalogueItems, count: inForce, link: "/catalogue"))
        }
        let placeScopes = Policy.scopes(of: actor, for: .placeSetup)
        if !placeScopes.isEmpty {
            let places = try await ServicePlace.query(on: db).inScopes(placeScopes, \.$divisionCode).count()
            items.append(WorkbenchItem(.workbenchPlacesInScope, count: places, link: "/service-places"))
        }
        return items
    }

    /// The `/applications` list's total and its two deadline views, counted as that list counts them.
    private func applicationItems(_ actor: Actor, today: LocalDate, on req: Request) async throws -> [WorkbenchItem] {
        let reach = ApplicationReach(actor, for: .applicationRead)
        let horizon = try req.application.workingCalendar.deadline(from: today, workingDays: 3)
        let all = try await reach.filter(Application.query(on: req.db)).count()
        let soon = try await DueList.count(on: req.db, reach: reach, window: .soon(today: today, horizon: horizon))
        let overdue = try await DueList.count(on: req.db, reach: reach, window: .overdue(today: today))
        return [
            WorkbenchItem(.workbenchApplications, count: all, link: "/applications"),
            WorkbenchItem(.dueSoon, count: soon, link: "/applications?due=soon", urgency: soon > 0 ? .dueSoon : .normal),
            WorkbenchItem(.overdue, count: overdue, link: "/applications?due=overdue", urgency: overdue > 0 ? .overdue : .normal),
        ]
    }

    /// Work at a place: today's queue at each place in reach, and follow-ups of poor ratings still open.
    private func windowItems(_ actor: Actor, today: LocalDate, on db: any Database) async throws -> [WorkbenchItem] {
        let reach = ApplicationReach(actor, for: .applicationHandle).byPlaceOnly
        var items: [WorkbenchItem] = []
        if !reach.divisions.isEmpty {
            // A staff member's places are few (a station, or a street's centre and stations): one row each.
            let places = try await ServicePlace.query(on: db).inScopes(reach.divisions, \.$divisionCode)
                .sort(\.$divisionCode).sort(\.$name).limit(20).all()
            let ids = places.compactMap(\.id)
            let waiting = ids.isEmpty ? [] : try await QueueTicket.query(on: db).filter(\.$placeID ~~ ids)
                .filter(\.$day == today.description).filter(\.$state == .waiting).all(\.$placeID)
            let byPlace = Dictionary(grouping: waiting, by: { $0 }).mapValues(\.count)
            for place in places {
                guard let id = place.id else { continue }
                items.append(WorkbenchItem(.workbenchQueueWaiting, place: place.name, count: byPlace[id] ?? 0,
                                           link: "/places/\(id.uuidString)/queue"))
            }
        }
        let followUps = FollowUp.query(on: db).inScopes(reach.divisions, \.$divisionCode).filter(\.$state == .open)
        let open = try await followUps.count()
        let late = try await FollowUp.query(on: db).inScopes(reach.divisions, \.$divisionCode).filter(\.$state == .open)
            .filter(\.$dueOn < today.description).count()
        if Policy.may(actor, .applicationSubmitForResident) { items.append(WorkbenchItem(.workbenchWalkIn, link: "/walk-in")) }
        items.append(WorkbenchItem(.workbenchFollowUps, count: open, link: "/ratings?state=open",
                                   urgency: late > 0 ? .overdue : .normal))
        return items
    }

    /// A resident's own: the applications they made, the notices about them, their bookings.
    private func residentItems(_ own: UUID, today: LocalDate, on db: any Database) async throws -> [WorkbenchItem] {
        let applications = try await Application.query(on: db).filter(\.$residentID == own).count()
        let notices = try await ResidentNotification.query(on: db).filter(\.$residentID == own).count()
        let appointments = try await Appointment.query(on: db).filter(\.$residentID == own).count()
        return [
            WorkbenchItem(.workbenchMyApplications, count: applications, link: "/applications"),
            // The newest notices head the applications page.
            WorkbenchItem(.workbenchMyNotices, count: notices, link: "/applications#notices"),
            WorkbenchItem(.workbenchMyAppointments, count: appointments, link: "/appointments"),
            WorkbenchItem(.serviceCatalogue, link: "/services"),
        ]
    }
}

extension Phrase {
    static let workbenchWindow = Phrase(zh: "窗口工作", en: "Window work")
    static let workbenchAreaService = Phrase(zh: "辖区政务服务", en: "Services in your area")
    static let workbenchTransferred = Phrase(zh: "转办给本部门的办件", en: "Applications transferred to your department")
    static let workbenchMyServices = Phrase(zh: "我的办事", en: "My services")
    static let workbenchApplications = Phrase(zh: "办件（全部）", en: "Applications (all)")
    static let workbenchQueueWaiting = Phrase(zh: "今日排队等候", en: "Waiting in today's queue")
    static let workbenchFollowUps = Phrase(zh: "待回访的差评", en: "Poor ratings to follow up")
    static let workbenchWalkIn = Phrase(zh: "为窗口来访居民代办申请", en: "Apply for a resident at the window")
    static let workbenchRatingsReport = Phrase(zh: "评价统计", en: "Ratings report")
    static let workbenchMyApplications = Phrase(zh: "我的办件", en: "My applications")
    static let workbenchMyNotices = Phrase(zh: "办件通知", en: "Notices")
    static let workbenchMyAppointments = Phrase(zh: "我的预约", en: "My appointments")
    static let workbenchServiceSetup = Phrase(zh: "服务体系设置", en: "Setting up services")
    static let workbenchCatalogueItems = Phrase(zh: "政务服务事项目录（在用事项）", en: "Service catalogue (items in use)")
    static let workbenchPlacesInScope = Phrase(zh: "辖区服务中心和服务站", en: "Centres and stations in your area")
}
