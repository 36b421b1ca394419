import Foundation
import ShequTestSupport
import Testing
import Vapor
import VaporTesting
@testable import Procurement

/// Shequ's packages and records through lib-cove-ocds (PyPI), offline, against the schema in data/ocds-1.1.5,
/// by running scripts/ocds-validate.py with the Python that has it. CI installs the pinned validator into a venv
/// and names its Python in SHEQU_OCDS_PYTHON (.ci/run); without it the test is skipped, and says so, rather
/// than failing a developer's `swift test` for a missing Python package. CI also validates the demo's packages
/// over HTTP (scripts/ocds-check.sh).
@Suite struct OCDSValidationTests {
    static let python = ProcessInfo.processInfo.environment["SHEQU_OCDS_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(.enabled(if: python != nil, "SHEQU_OCDS_PYTHON names no Python with lib-cove-ocds (CI sets it)"))
    func theProjectsPackagesValidateAndBrokenCopiesDoNot() async throws {
        try await withShequ { app in
            let project = UUID()
            for release in OCDSSamples.stages() {
                try await app.writeGate.transaction(on: app.db) { db in
                    try await OCDSLog.append(release, projectID: project, chain: "440402001", on: db)
                }
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocds-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let base = "/api/v1/ocds/projects/\(project.uuidString.lowercased())"
            var files: [String] = []
            for (name, path) in [("releases.json", base + "/releases"), ("record.json", base + "/record"), ("year.json", "/api/v1/ocds/releases/2026")] {
                try await app.testing().test(.GET, path) { res async throws in
                    #expect(res.status == .ok)
                    let file = directory.appendingPathComponent(name)
                    try Data(res.body.readableBytesView).write(to: file)
                    files.append(file.path)
                }
            }
            let (status, output) = try Self.validate(files, selfTest: true)
            #expect(status == 0, "\(output)")
            #expect(output.contains("broken (closed codelist: procurementMethod): failed as it must"))
        }
    }

    static func validate(_ files: [String], selfTest: Bool) throws -> (Int32, String) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/ocds-validate.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
        process.arguments = [script] + (selfTest ? ["--self-test"] : []) + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
