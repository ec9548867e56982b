import FluentKit
import Foundation
import ParleyStore

/// Secrets every process of one installation shares (the support form's time-trap key): made
/// once in the database by whichever process asks first, then kept in memory here.
actor SharedSecrets {
    private var known: [String: String] = [:]

    func value(_ name: String, on database: any Database) async throws -> String {
        if let value = known[name] { return value }
        let value = try await SupportFormQueries(database: database).secret(named: name) {
            (0..<4).map { _ in UUID().uuidString.replacingOccurrences(of: "-", with: "") }.joined()
        }
        known[name] = value
        return value
    }
}
