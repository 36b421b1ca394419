import Fluent
import Foundation
import ShequTestSupport
import ShequKernel
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct DataCommandsTests {
    @Test func demoDataCanBeLoadedTwiceWithoutDuplicates() async throws {
        try await withShequ { app in
            _ = try await DemoCommand.fill(app)
            let residents = try await app.count(Resident.self)
            let accounts = try await app.count(Account.self)
            let households = try await app.count(Household.self)
            #expect(residents > 40)
            #expect(accounts == DemoCommand.staff.count + 1)
            let streets = Set(try await Resident.query(on: app.db).all().map { String($0.divisionCode.prefix(9)) })
            #expect(streets.count >= 2)
            _ = try await DemoCommand.fill(app)
            #expect(try await app.count(Resident.self) == residents)
            #expect(try await app.count(Account.self) == accounts)
            #expect(try await app.count(Household.self) == households)
            // Every role can sign in with the documented demo password.
            for (username, _, _) in DemoCommand.staff {
                _ = try await app.token(username, DemoCommand.password)
            }
        }
    }

    @Test func generatedCityIsValidAndTheSameForTheSameSeed() async throws {
        var runs: [[String]] = []
        for _ in 0..<2 {
            try await withShequ { app in
                let made = try await CityGenerator(app: app, seed: 42).generate(residents: 600) { _ in }
                #expect(made.residents == 600)
                let vault = PersonalDataVault(secrets: app.secrets)
                let residents = try await Resident.query(on: app.db).sort(\.$idNumberMasked).all()
                #expect(residents.count == 600)
                let ids = try residents.map { try vault.open($0.idNumberSealed) }
                #expect(Set(ids).count == 600)
                for (r, id) in zip(residents, ids) {
                    let parsed = try ResidentID(id)
                    #expect(parsed.birthYear == r.birthYear)
                    #expect(parsed.sex == r.sex)
                }
                #expect(Set(residents.map(\.residency)) == [.registered, .migrant])
                #expect(Set(residents.map { String($0.divisionCode.prefix(6)) }).count == 3)
                runs.append(ids.sorted())
            }
        }
        #expect(runs[0] == runs[1])
    }

    @Test func generatingAroundPeopleAlreadyOnFileStepsAroundTheirNumbers() async throws {
        var firstGenerated = ""
        try await withShequ { app in
            _ = try await CityGenerator(app: app, seed: 7).generate(residents: 50) { _ in }
            let vault = PersonalDataVault(secrets: app.secrets)
            firstGenerated = try await Resident.query(on: app.db).all().map { try vault.open($0.idNumberSealed) }.sorted()[0]
        }
        try await withShequ { app in
            // Someone registered before the generator ran holds a number it would have drawn.
            let admin = try await app.token("admin", adminPassword)
            let res = try await app.api(.POST, "/api/v1/residents", token: admin,
                                        json: residentJSON("440402001001", "已登记", String(firstGenerated.prefix(17))))
            #expect(res.status == .created)
            let made = try await CityGenerator(app: app, seed: 7).generate(residents: 50) { _ in }
            #expect(made.residents == 50)
            let vault = PersonalDataVault(secrets: app.secrets)
            let ids = try await Resident.query(on: app.db).all().map { try vault.open($0.idNumberSealed) }
            #expect(ids.count == 51)
            #expect(Set(ids).count == 51)
        }
    }
}
