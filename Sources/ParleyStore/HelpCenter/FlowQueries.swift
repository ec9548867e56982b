import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Troubleshooting flows, the walks through them and their figures (`0024_AddTroubleshootingFlows`).
public struct FlowQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    static let columns = "id, brand_id, slug, title, summary, nodes, status, short_code, author_id, created_at, updated_at, published_at, version"

    public func create(_ flow: TroubleshootingFlow) async throws {
        try await database.requireSQL().insert(into: "flows")
            .columns("id", "brand_id", "slug", "title", "summary", "nodes", "status", "short_code", "author_id", "created_at", "updated_at", "published_at", "version")
            .values(SQLBind(flow.id), SQLBind(flow.brandID), SQLBind(flow.slug), SQLBind(flow.title), SQLBind(flow.summary),
                    SQLBind(try Self.encode(flow.nodes)), SQLBind(flow.status.rawValue), SQLBind(flow.shortCode), SQLBind(flow.authorID),
                    SQLBind(flow.createdAt), SQLBind(flow.updatedAt), SQLBind(flow.publishedAt), SQLBind(flow.version))
            .run()
    }

    /// Writes `flow` over version `flow.version - 1`; false when another write came first.
    public func update(_ flow: TroubleshootingFlow) async throws -> Bool {
        let rows = try await database.requireSQL().update("flows")
            .set("slug", to: SQLBind(flow.slug)).set("title", to: SQLBind(flow.title)).set("summary", to: SQLBind(flow.summary))
            .set("nodes", to: SQLBind(try Self.encode(flow.nodes))).set("status", to: SQLBind(flow.status.rawValue))
            .set("updated_at", to: SQLBind(flow.updatedAt)).set("published_at", to: SQLBind(flow.publishedAt))
            .set("version", to: SQLBind(flow.version))
            .where("id", .equal, SQLBind(flow.id)).where("version", .equal, SQLBind(flow.version - 1))
            .returning("id").all()
        return !rows.isEmpty
    }

    public func find(_ id: UUID) async throws -> TroubleshootingFlow? {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM flows WHERE id = \(SQLValues(sql).uuid(id))").first().map(Self.flow)
    }

    public func find(brandID: UUID, slug: String) async throws -> TroubleshootingFlow? {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM flows WHERE brand_id = \(SQLValues(sql).uuid(brandID)) AND slug = \(bind: slug)")
            .first().map(Self.flow)
    }

    public func find(shortCode: String) async throws -> TroubleshootingFlow? {
        try await database.requireSQL().raw("SELECT \(unsafeRaw: Self.columns) FROM flows WHERE short_code = \(bind: shortCode)").first().map(Self.flow)
    }

    public func slugTaken(_ slug: String, brandID: UUID, except: UUID?) async throws -> Bool {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        var query: SQLQueryString = "SELECT id FROM flows WHERE brand_id = \(v.uuid(brandID)) AND slug = \(bind: slug)"
        if let except { query += " AND id <> \(v.uuid(except))" }
        return try await sql.raw(query).first() != nil
    }

    /// The brand's flows (or every brand's), most recently updated first.
    public func list(brandID: UUID?, statuses: [PublicationStatus] = PublicationStatus.allCases) async throws -> [TroubleshootingFlow] {
        let sql = try database.requireSQL()
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM flows WHERE status IN \(SQLGroupExpression(statuses.map { SQLBind($0.rawValue) }))"
        if let brandID { query += " AND brand_id = \(SQLValues(sql).uuid(brandID))" }
        query += " ORDER BY updated_at DESC, id LIMIT 1000"
        return try await sql.raw(query).all().map(Self.flow)
    }

    // MARK: walks

    public func create(_ walk: FlowWalk) async throws {
        let sql = try database.requireSQL()
        try await sql.insert(into: "flow_walks").columns("id", "flow_id", "started_at", "updated_at", "choices", "last_node", "outcome")
            .values(SQLBind(walk.id), SQLBind(walk.flowID), SQLBind(walk.startedAt), SQLBind(walk.updatedAt),
                    SQLBind(FlowWalk.path(walk.choices)), SQLBind(walk.lastNode), SQLBind(walk.outcome?.rawValue))
            .run()
        try await step(walk, node: walk.lastNode, on: sql)
    }

    /// The walk moved on to `walk.lastNode` (counted once per walk and node for the figures).
    public func advance(_ walk: FlowWalk) async throws {
        let sql = try database.requireSQL()
        try await sql.update("flow_walks")
            .set("updated_at", to: SQLBind(walk.updatedAt)).set("choices", to: SQLBind(FlowWalk.path(walk.choices)))
            .set("last_node", to: SQLBind(walk.lastNode)).set("outcome", to: SQLBind(walk.outcome?.rawValue))
            .where("id", .equal, SQLValues(sql).uuid(walk.id)).run()
        try await step(walk, node: walk.lastNode, on: sql)
    }

    private func step(_ walk: FlowWalk, node: String, on sql: any SQLDatabase) async throws {
        let v = SQLValues(sql)
        // A customer who goes back and answers again reaches a node once, however often shown.
        guard try await sql.raw("SELECT node FROM flow_steps WHERE walk_id = \(v.uuid(walk.id)) AND node = \(bind: node)").first() == nil else { return }
        try await sql.insert(into: "flow_steps").columns("walk_id", "flow_id", "node", "at")
            .values(SQLBind(walk.id), SQLBind(walk.flowID), SQLBind(node), SQLBind(walk.updatedAt)).run()
    }

    public func walk(_ id: UUID) async throws -> FlowWalk? {
        let sql = try database.requireSQL()
        guard let row = try await sql.raw("""
            SELECT id, flow_id, started_at, updated_at, choices, last_node, outcome FROM flow_walks WHERE id = \(SQLValues(sql).uuid(id))
            """).first()
        else { return nil }
        return FlowWalk(
            id: try row.decode(column: "id", as: UUID.self), flowID: try row.decode(column: "flow_id", as: UUID.self),
            startedAt: try row.decode(column: "started_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            choices: FlowWalk.choices(try row.decode(column: "choices", as: String.self)) ?? [],
            lastNode: try row.decode(column: "last_node", as: String.self),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(FlowNode.Kind.init(rawValue:)))
    }

    /// The flow's figures over walks started in `[from, to)`; a walk without an outcome idle since
    /// before `now - FlowStats.idleAfter` counts as left where it stopped.
    public func stats(_ flow: TroubleshootingFlow, from: Date, to: Date, now: Date) async throws -> FlowStats {
        let sql = try database.requireSQL()
        let id = SQLValues(sql).uuid(flow.id)
        let idle = now.addingTimeInterval(-FlowStats.idleAfter)
        let range: SQLQueryString = "flow_id = \(id) AND started_at >= \(bind: from) AND started_at < \(bind: to)"
        var starts = 0, inProgress = 0
        var outcomes: [FlowNode.Kind: Int] = [:]
        var leftAt: [String: Int] = [:]
        let ends = try await sql.raw("""
            SELECT outcome, last_node, CASE WHEN updated_at < \(bind: idle) THEN 1 ELSE 0 END AS idle, COUNT(*) AS n
            FROM flow_walks WHERE \(range) GROUP BY 1, 2, 3
            """).all()
        for row in ends {
            let count = try row.decode(column: "n", as: Int.self)
            starts += count
            if let outcome = try row.decode(column: "outcome", as: String?.self).flatMap(FlowNode.Kind.init(rawValue:)) {
                outcomes[outcome, default: 0] += count
            } else if try row.decode(column: "idle", as: Int.self) == 1 {
                leftAt[try row.decode(column: "last_node", as: String.self), default: 0] += count
            } else {
                inProgress += count
            }
        }
        var reached: [String: Int] = [:]
        let steps = try await sql.raw("""
            SELECT s.node, COUNT(*) AS n FROM flow_steps s JOIN flow_walks w ON w.id = s.walk_id
            WHERE w.flow_id = \(id) AND w.started_at >= \(bind: from) AND w.started_at < \(bind: to) GROUP BY s.node
            """).all()
        for row in steps {
            reached[try row.decode(column: "node", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return FlowStats(flow: flow, starts: starts, outcomes: outcomes, inProgress: inProgress, reached: reached, leftAt: leftAt)
    }

    // MARK: rows

    static func encode(_ nodes: [FlowNode]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(nodes), as: UTF8.self)
    }

    static func flow(_ row: any SQLRow) throws -> TroubleshootingFlow {
        TroubleshootingFlow(
            id: try row.decode(column: "id", as: UUID.self), brandID: try row.decode(column: "brand_id", as: UUID.self),
            slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            nodes: try JSONDecoder().decode([FlowNode].self, from: Data(try row.decode(column: "nodes", as: String.self).utf8)),
            status: PublicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            shortCode: try row.decode(column: "short_code", as: String.self), authorID: try row.decode(column: "author_id", as: UUID?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            publishedAt: try row.decode(column: "published_at", as: Date?.self), version: try row.decode(column: "version", as: Int.self))
    }
}
