import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// The reports, each built from what one period's queries loaded and nothing else: the total
/// row and the group rows come from the same cases by the same rule.
public struct DeskReports: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case responseTimes = "response-times"
        case sla, volume, csat, agents
    }

    let database: any Database
    let handles: [Handle]
    let now: Date

    public init(database: any Database, handles: [Handle], now: Date) {
        self.database = database
        self.handles = handles
        self.now = now
    }

    func scope(_ request: ReportRequest) async throws -> ReportScope {
        let agents = try await AgentQueries(database: database).profiles()
        let teams = try await TeamQueries(database: database).all()
        return ReportScope(
            from: request.from, to: request.to, grouping: request.grouping, timeZone: request.timeZone,
            names: ReportNames(
                agents: Dictionary(agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                teams: Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                handles: Dictionary(handles.map { ($0.id, $0.username) }, uniquingKeysWith: { a, _ in a })))
    }

    public func cases(_ scope: ReportScope) async throws -> [ReportCase] {
        try await ReportQueries(database: database).cases(from: scope.from, to: scope.to, policies: try await SLAQueries(database: database).policies())
    }

    public func responseTimes(_ scope: ReportScope) async throws -> ResponseTimesTable {
        ResponseTimesTable(try await cases(scope), scope: scope)
    }

    public func sla(_ scope: ReportScope) async throws -> SLATable {
        SLATable(try await cases(scope), scope: scope, now: now)
    }

    public func volume(_ scope: ReportScope) async throws -> VolumeTable {
        let activity = try await ReportQueries(database: database).activity(
            from: scope.from, to: scope.to, policies: try await SLAQueries(database: database).policies())
        return VolumeTable(cases: activity.cases, messages: activity.messages, spans: activity.spans, scope: scope)
    }

    public func csat(_ scope: ReportScope) async throws -> CSATTable {
        CSATTable(try await CSATQueries(database: database).responses(from: scope.from, to: scope.to), scope: scope)
    }

    public func agents(_ scope: ReportScope) async throws -> AgentsTable {
        AgentsTable(try await cases(scope), replies: try await ReportQueries(database: database).repliesSent(from: scope.from, to: scope.to),
                    surveys: try await CSATQueries(database: database).responses(from: scope.from, to: scope.to), scope: scope, now: now)
    }
}
