import Foundation
import ParleyCore
import Vapor

/// `GET /api/v1/reports/{response-times,sla,volume,csat,agents}?from&to&group_by&tz&format`: the
/// desk's reports as JSON (a total row and a row per group) or, with `format=csv`, as a CSV
/// file. Supervisors and admins.
struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.requiring(.supervisor).grouped("reports")
        for kind in DeskReports.Kind.allCases {
            reports.get(PathComponent(stringLiteral: kind.rawValue)) { req in try await Self.report(kind, req) }
        }
    }

    struct Envelope<Table: ReportTable>: Encodable {
        var report: String
        var from: Date
        var to: Date
        var tz: String
        var groupBy: String
        var total: Table.Row
        var groups: [Table.Row]

        enum CodingKeys: String, CodingKey {
            case report, from, to, tz, total, groups
            case groupBy = "group_by"
        }
    }

    static func report(_ kind: DeskReports.Kind, _ req: Request) async throws -> Response {
        let request = try ReportRequest.parse(try req.query.decode(ReportRequest.Query.self), now: req.parley.effects.now(),
                                              defaultZone: TimeZone(identifier: "UTC")!)
        let reports = DeskReports(database: req.db, handles: try await req.parley.handles.all(), now: req.parley.effects.now())
        let scope = try await reports.scope(request)
        switch kind {
        case .responseTimes: return try respond(try await reports.responseTimes(scope), kind, request)
        case .sla: return try respond(try await reports.sla(scope), kind, request)
        case .volume: return try respond(try await reports.volume(scope), kind, request)
        case .csat: return try respond(try await reports.csat(scope), kind, request)
        case .agents: return try respond(try await reports.agents(scope), kind, request)
        }
    }

    static func respond<Table: ReportTable>(_ table: Table, _ kind: DeskReports.Kind, _ request: ReportRequest) throws -> Response {
        if request.csv {
            let response = Response(status: .ok, body: .init(string: ReportCSV.render(table)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName(kind, request))\"")
            return response
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(Envelope<Table>(
            report: kind.rawValue, from: request.from, to: request.to, tz: request.zoneName,
            groupBy: request.grouping.rawValue, total: table.total, groups: table.groups))
        let response = Response(status: .ok, body: .init(data: body))
        response.headers.contentType = .json
        return response
    }

    /// `parley-volume-2026-11-27-to-2026-12-03.csv` (the last day included, in the report's zone).
    static func fileName(_ kind: DeskReports.Kind, _ request: ReportRequest) -> String {
        return "parley-\(kind.rawValue)-\(request.day(request.from))-to-\(request.day(request.to.addingTimeInterval(-1)))\(request.grouping == .none ? "" : "-by-\(request.grouping.rawValue)").csv"
    }
}
