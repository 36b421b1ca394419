import Fluent
import ShequKernel
import Vapor

/// One request waiting for the demo community's residents' committee, made through the public form's own
/// command and handed on as an applicant without a code would: the committee's page has a request to confirm
/// or refuse, as on the first morning of a real one.
enum RegistrationDemo {
    static let username = "chen.applicant"
    static let community = "440402001001"

    static func fill(_ app: Application) async throws -> String? {
        guard try await RegistrationRequest.query(on: app.db).filter(\.$username == username).count() == 0 else { return nil }
        var rng = SeededGenerator(seed: 20101)
        // Born in the district but not on file: nothing to match, so no code is sent and the committee decides.
        let person = SyntheticPerson.make(areaCode: "440402", sequence: 9001, ageRange: 30...45, today: Date(), using: &rng)
        let req = Request(application: app, on: app.eventLoopGroup.next())
        let input = RegistrationInput(name: person.name, idNumber: person.residentID, phone: person.phone,
                                      username: username, password: DemoCommand.password, community: community)
        let submitted = try await RegistrationService.submit(input, req: req)
        let status = try await RegistrationService.handToCommittee(reference: submitted.reference, req: req)
        return "a registration request (\(status.state.rawValue)) for the residents' committee of \(community)"
    }
}
