import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Brands, their handles and their help-center categories.
public struct BrandQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func create(_ brand: Brand, at: Date) async throws {
        let sql = try database.requireSQL()
        try await sql.insert(into: "brands").columns("id", "slug", "name", "created_at")
            .values(SQLBind(brand.id), SQLBind(brand.slug), SQLBind(brand.name), SQLBind(at)).run()
        try await setHandles(brand.id, brand.handleIDs)
    }

    public func rename(_ id: UUID, name: String) async throws {
        try await database.requireSQL().update("brands").set("name", to: SQLBind(name)).where("id", .equal, SQLBind(id)).run()
    }

    /// The brand's handles are exactly `handleIDs` (a handle belongs to one brand at most).
    public func setHandles(_ id: UUID, _ handleIDs: [UUID]) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.update("handles").set("brand_id", to: SQLLiteral.null).where("brand_id", .equal, v.uuid(id)).run()
        guard !handleIDs.isEmpty else { return }
        try await sql.update("handles").set("brand_id", to: v.uuid(id)).where(SQLIdentifier("id"), .in, v.uuids(handleIDs)).run()
    }

    public func all() async throws -> [Brand] {
        let sql = try database.requireSQL()
        let rows = try await sql.raw("SELECT id, slug, name FROM brands ORDER BY name, slug").all()
        let members = try await sql.raw("SELECT id, brand_id FROM handles WHERE brand_id IS NOT NULL ORDER BY username").all()
        var handles: [UUID: [UUID]] = [:]
        for row in members {
            handles[try row.decode(column: "brand_id", as: UUID.self), default: []].append(try row.decode(column: "id", as: UUID.self))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return Brand(
                id: id, slug: try row.decode(column: "slug", as: String.self), name: try row.decode(column: "name", as: String.self),
                handleIDs: handles[id] ?? [])
        }
    }

    public func find(slug: String) async throws -> Brand? {
        try await all().first { $0.slug == slug }
    }

    public func find(_ id: UUID) async throws -> Brand? {
        try await all().first { $0.id == id }
    }

    /// The brand a handle belongs to.
    public func brand(ofHandle handleID: UUID) async throws -> Brand? {
        try await all().first { $0.handleIDs.contains(handleID) }
    }

    // MARK: categories

    public func create(_ category: HelpCategory) async throws {
        try await database.requireSQL().insert(into: "help_categories")
            .columns("id", "brand_id", "slug", "name", "parent_id", "position")
            .values(SQLBind(category.id), SQLBind(category.brandID), SQLBind(category.slug), SQLBind(category.name),
                    SQLBind(category.parentID), SQLBind(category.position))
            .run()
    }

    public func update(_ category: HelpCategory) async throws {
        try await database.requireSQL().update("help_categories")
            .set("name", to: SQLBind(category.name)).set("parent_id", to: SQLBind(category.parentID))
            .set("position", to: SQLBind(category.position))
            .where("id", .equal, SQLBind(category.id)).run()
    }

    /// The brand's categories and sections, in their order.
    public func categories(brandID: UUID) async throws -> [HelpCategory] {
        try await database.requireSQL().raw("""
            SELECT id, brand_id, slug, name, parent_id, position FROM help_categories
            WHERE brand_id = \(SQLValues(database.requireSQL()).uuid(brandID)) ORDER BY position, name
            """).all().map { row in
            HelpCategory(
                id: try row.decode(column: "id", as: UUID.self), brandID: try row.decode(column: "brand_id", as: UUID.self),
                slug: try row.decode(column: "slug", as: String.self), name: try row.decode(column: "name", as: String.self),
                parentID: try row.decode(column: "parent_id", as: UUID?.self), position: try row.decode(column: "position", as: Int.self))
        }
    }
}
