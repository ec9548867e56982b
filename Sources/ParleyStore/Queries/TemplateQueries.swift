import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Saved replies and macros. Every save goes through `ReplyTemplate`'s validation, so a stored
/// template always renders or fails only for a missing value, never for its own text.
public struct TemplateQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Adds a template. Throws `TemplateError` for bad text or actions, `StoreError.invalid` for
    /// an unknown handle or assignee, `StoreError.conflict` for a name already used in its scope.
    public func create(
        handleID: UUID?, name: String, body: String, actions: [MacroAction], at: Date, id: UUID
    ) async throws -> ReplyTemplate {
        let template = try ReplyTemplate(id: id, handleID: handleID, name: name, body: body, actions: actions)
        try await checkReferences(template)
        let record = TemplateRecord()
        record.id = id
        record.createdAt = at
        try Self.fill(record, with: template)
        try await record.create(on: database)
        return template
    }

    /// Replaces a template's scope, name, text and actions; checked as `create` checks.
    public func update(
        _ id: UUID, handleID: UUID?, name: String, body: String, actions: [MacroAction]
    ) async throws -> ReplyTemplate {
        guard let record = try await TemplateRecord.find(id, on: database) else {
            throw StoreError.notFound(what: "template", id: id.uuidString)
        }
        let template = try ReplyTemplate(id: id, handleID: handleID, name: name, body: body, actions: actions)
        try await checkReferences(template)
        try Self.fill(record, with: template)
        try await record.save(on: database)
        return template
    }

    public func delete(_ id: UUID) async throws {
        guard let record = try await TemplateRecord.find(id, on: database) else {
            throw StoreError.notFound(what: "template", id: id.uuidString)
        }
        try await record.delete(on: database)
    }

    public func find(_ id: UUID) async throws -> ReplyTemplate? {
        try await TemplateRecord.find(id, on: database).map(Self.domain)
    }

    /// The templates offered on `handleID` (its own and the global ones), or every template when
    /// nil; by name.
    public func list(handleID: UUID?) async throws -> [ReplyTemplate] {
        let query = TemplateRecord.query(on: database)
        if let handleID {
            query.group(.or) { or in
                or.filter(\.$handleID == handleID)
                or.filter(\.$handleID == nil)
            }
        }
        return try await query.sort(\.$name).sort(\.$id).all().map(Self.domain)
    }

    /// Sets (nil: clears) the handle's help-centre link; callers check it is an http(s) URL.
    public func setHelpURL(_ url: String?, handleID: UUID) async throws {
        let sql = try database.requireSQL()
        try await sql.update("handles").set("help_url", to: SQLBind(url)).where("id", .equal, SQLValues(sql).uuid(handleID)).run()
    }

    /// The handle's help-centre link (`handles.help_url`, set by an admin), for `{{help_url}}`.
    public func helpURL(handleID: UUID) async throws -> String? {
        let sql = try database.requireSQL()
        let row = try await sql.select().column("help_url").from("handles")
            .where(SQLIdentifier("id"), .equal, SQLValues(sql).uuid(handleID)).first()
        return try row?.decode(column: "help_url", as: String?.self) ?? nil
    }

    /// The handle and the assigned users must exist; names are unique within a scope (a
    /// handle, or global), ignoring case, so the picker never shows two alike.
    private func checkReferences(_ template: ReplyTemplate) async throws {
        if let handleID = template.handleID, try await HandleRecord.find(handleID, on: database) == nil {
            throw StoreError.invalid("No handle with id \(handleID.uuidString).")
        }
        for case .assign(.user(let userID)) in template.actions where try await UserRecord.find(userID, on: database) == nil {
            throw StoreError.invalid("The assign action names no user: no user with id \(userID.uuidString).")
        }
        let sameScope = try await TemplateRecord.query(on: database).filter(\.$handleID == template.handleID).all()
        if sameScope.contains(where: { $0.id != template.id && $0.name.lowercased() == template.name.lowercased() }) {
            throw StoreError.conflict("A template named \"\(template.name)\" already exists \(template.handleID == nil ? "for all handles" : "for this handle").")
        }
    }

    private static func fill(_ record: TemplateRecord, with template: ReplyTemplate) throws {
        record.handleID = template.handleID
        record.name = template.name
        record.body = template.body
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        record.actions = String(decoding: try encoder.encode(template.actions), as: UTF8.self)
    }

    static func domain(_ record: TemplateRecord) throws -> ReplyTemplate {
        let actions: [MacroAction]
        do {
            actions = try JSONDecoder().decode([MacroAction].self, from: Data(record.actions.utf8))
        } catch {
            throw StoreError.corruptValue(table: TemplateRecord.schema, column: "actions", value: String(record.actions.prefix(80)))
        }
        do {
            return try ReplyTemplate(
                id: try record.requireID(), handleID: record.handleID, name: record.name, body: record.body, actions: actions)
        } catch {
            throw StoreError.corruptValue(table: TemplateRecord.schema, column: "body", value: String(record.body.prefix(80)))
        }
    }
}
