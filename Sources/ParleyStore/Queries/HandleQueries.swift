import FluentKit
import Foundation
import ParleyCore

/// The brand's X accounts.
public struct HandleQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func all() async throws -> [Handle] {
        try await HandleRecord.query(on: database).sort(\.$username).all().map { try $0.toDomain() }
    }

    public func find(_ id: UUID) async throws -> Handle? {
        try await HandleRecord.find(id, on: database)?.toDomain()
    }

    /// Adds the handle, or updates the one with the same X user id (its id stays; its publishing
    /// settings are `setPublishing`'s).
    @discardableResult
    public func upsert(_ handle: Handle) async throws -> Handle {
        if let existing = try await HandleRecord.query(on: database).filter(\.$xUserID == handle.xUserID).first() {
            existing.username = handle.username
            existing.name = handle.name
            existing.role = handle.role.rawValue
            existing.terms = handle.terms.joined(separator: "\n")
            try await existing.save(on: database)
            return try existing.toDomain()
        }
        let record = HandleRecord(handle)
        try await record.create(on: database)
        return try record.toDomain()
    }

    /// A handle's publishing settings: X's verification (its limits follow), the handle its
    /// mentions are answered from, and limits an admin set (nil: X's).
    public func setPublishing(_ id: UUID, verified: Bool, answerFrom: UUID?, limits: PostingLimits?) async throws {
        guard let record = try await HandleRecord.find(id, on: database) else {
            throw StoreError.notFound(what: "handle", id: id.uuidString)
        }
        record.verified = verified
        record.answerFromHandleID = answerFrom
        record.postingLimits = try limits.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await record.save(on: database)
    }
}
