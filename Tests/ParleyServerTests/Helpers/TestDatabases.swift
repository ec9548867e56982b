import Foundation
import ParleyServer
import Testing

/// The PostgreSQL server the PostgreSQL-backed suites run on: `PARLEY_TEST_POSTGRES_URL`
/// (`.ci/run` starts one). Locally the suites skip without it; under `CI=true` they run and fail.
enum TestDatabases {
    static let environment = ProcessInfo.processInfo.environment
    static let postgresURL = environment["PARLEY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = environment["CI"]?.lowercased() == "true"
    static let postgresEnabled = postgresURL != nil || isCI

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// A new, empty database on the test server (one per test, so tests never see each other's rows).
    static func freshPostgres() throws -> DatabaseChoice {
        guard let admin = postgresURL else {
            throw Missing(description: "CI=true but PARLEY_TEST_POSTGRES_URL is not set: PostgreSQL-backed tests cannot run.")
        }
        let name = "parley_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", admin, "-qtAc", "CREATE DATABASE \(name)"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Missing(description: "Cannot create a test database on PARLEY_TEST_POSTGRES_URL: \(message)")
        }
        guard var components = URLComponents(string: admin) else { throw Missing(description: "PARLEY_TEST_POSTGRES_URL is not a URL.") }
        components.path = "/" + name
        return .postgres(url: components.string!)
    }
}
