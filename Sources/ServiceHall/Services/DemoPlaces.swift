import Fluent
import ShequPlatform

/// A service center for each demo street and stations for its qualifying communities, with windows.
enum DemoPlaces {
    static let centers = [("440402001", "翠香街道社区政务服务中心", "香洲区翠香路1号"), ("440402002", "梅华街道社区政务服务中心", "香洲区梅华西路2号")]
    static let stations = [("440402001001", "紫荆社区公共服务站", 8200, 0.6), ("440402001002", "翠香社区公共服务站", 9100, 0.8),
                           ("440402002001", "南虹社区公共服务站", 7600, 0.5)]

    static func fill(on db: any Database) async throws -> Int {
        var added = 0
        for (code, name, address) in centers where try await ServicePlace.query(on: db).filter(\.$kind == .center).filter(\.$divisionCode == code).count() == 0 {
            let place = ServicePlace()
            place.kind = .center
            place.divisionCode = code
            place.name = name
            place.address = address
            place.qualification = "每个街道设一个中心（珠字〔2010〕7号 四（三））"
            place.openingHours = "周一至周五 08:30–12:00, 14:30–17:30; 周六 09:00–12:00（错时服务）"
            try await place.create(on: db)
            for n in 1...4 {
                try await ServiceWindow(placeID: place.requireID(), number: n, name: n == 4 ? "企业服务窗口" : "综合窗口\(n)", isGeneral: n != 4).create(on: db)
            }
            added += 1
        }
        for (code, name, population, area) in stations where try await ServicePlace.query(on: db).filter(\.$kind == .station).filter(\.$divisionCode == code).count() == 0 {
            let place = ServicePlace()
            place.kind = .station
            place.divisionCode = code
            place.name = name
            place.address = name
            place.population = population
            place.areaKm2 = area
            place.qualification = "常住人口\(population)人，面积\(area)平方公里，住宅小区集中，按“一居一站”设站"
            place.openingHours = "周一至周五 08:30–12:00, 14:30–17:30; 周日 09:00–12:00（错时服务）"
            try await place.create(on: db)
            try await ServiceWindow(placeID: place.requireID(), number: 1, name: "综合窗口", isGeneral: true).create(on: db)
            added += 1
        }
        return added
    }

    /// Department staff reach only applications transferred to the department on their grant: the demo's
    /// department account works for the civil-affairs bureau, so transfers there reach it.
    static func assignDepartment(on db: any Database) async throws {
        guard let account = try await Account.query(on: db).filter(\.$username == "department.civil").first(),
              let bureau = try await Department.query(on: db).filter(\.$name == "珠海市民政局").first() else { return }
        try await Grant.query(on: db).filter(\.$account.$id == account.requireID()).filter(\.$role == .departmentStaff)
            .filter(\.$departmentID == nil).set(\.$departmentID, to: bureau.requireID()).update()
    }
}
