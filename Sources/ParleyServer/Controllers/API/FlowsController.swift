import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// Troubleshooting flows for the desk and integrations.
/// - `GET /api/v1/flows?brand=&status=`; `POST /api/v1/flows` `{brand, title, slug?, summary?, status?, nodes}`.
/// - `GET`/`PATCH /api/v1/flows/:id` (`PATCH` changes what is given; `version` guards a stale edit).
/// - `GET /api/v1/flows/:id/stats?from=&to=` (ISO 8601; default the last 30 days).
/// A node is `{key, kind: question|guidance|solved|contact, text, body?, answers?: [{label, next}],
/// articles?: [slug]}`; the first is the start. A broken tree answers 422 naming every node at fault.
/// Bodies refuse unknown fields, in the nodes too.
struct FlowsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let flows = routes.grouped("flows")
        flows.get(use: list)
        flows.post(use: create)
        flows.get(":flow", use: show)
        flows.patch(":flow", use: update)
        flows.get(":flow", "stats", use: stats)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<FlowDTO> {
        let statuses = try ArticlesController.statuses(req.query["status"])
        let brands = try await BrandQueries(database: req.db).all()
        var brandID: UUID?
        if let raw: String = req.query["brand"] { brandID = try await ArticlesController.brand(raw, on: req).id }
        let base = req.application.parleyServices.config.publicURL
        return ListDTO(data: try await FlowQueries(database: req.db).list(brandID: brandID, statuses: statuses).compactMap { flow in
            brands.first { $0.id == flow.brandID }.map { FlowDTO(flow, brand: $0, base: base) }
        })
    }

    @Sendable func show(req: Request) async throws -> FlowDTO {
        let flow = try await FlowAdminController.flow(req)
        return try await Self.dto(flow, on: req)
    }

    struct FlowInput: Decodable {
        var brand: String?
        var slug: String?
        var title: String?
        var summary: String?
        var status: PublicationStatus?
        var nodes: [FlowNodeDTO]?
        var version: Int?
        static let keys = ["brand", "slug", "title", "summary", "status", "nodes", "version"]
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try Self.input(req)
        let brand = try await ArticlesController.brand(input.brand, on: req)
        guard let title = input.title else { throw HTTPError(.badRequest, "bad_request", "Missing field 'title'.") }
        guard let nodes = input.nodes else { throw HTTPError(.badRequest, "bad_request", "Missing field 'nodes'.") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let flow = try await req.actions.flows.create(.init(
            brandID: brand.id, slug: input.slug, title: title, summary: input.summary ?? "", nodes: nodes.map(\.node),
            status: input.status ?? .draft), by: user)
        return try await FlowDTO(flow, brand: brand, base: req.application.parleyServices.config.publicURL).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> FlowDTO {
        let id = try DeskController.uuid(req, "flow")
        let input = try Self.input(req)
        guard input.brand == nil else { throw HTTPError(.badRequest, "bad_request", "A flow's brand cannot change; write a new flow instead.") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let flow = try await req.actions.flows.update(id, .init(
            slug: input.slug, title: input.title, summary: input.summary, nodes: input.nodes?.map(\.node), status: input.status,
            version: input.version), by: user)
        return try await Self.dto(flow, on: req)
    }

    struct StatsQuery: Decodable {
        var from: Date?
        var to: Date?
    }

    @Sendable func stats(req: Request) async throws -> FlowStatsDTO {
        let flow = try await FlowAdminController.flow(req)
        let query = try req.query.decode(StatsQuery.self)
        let now = req.parley.effects.now()
        let to = query.to ?? now.addingTimeInterval(1)
        let from = query.from ?? to.addingTimeInterval(-Double(FlowAdminController.days) * 86_400)
        guard from < to else { throw HTTPError(.badRequest, "bad_request", "'from' must be before 'to'.") }
        return FlowStatsDTO(try await FlowQueries(database: req.db).stats(flow, from: from, to: to, now: now), from: from, to: to)
    }

    private static func input(_ req: Request) throws -> FlowInput {
        // The nodes' own fields are checked as strictly as the body's, before decoding says
        // something less useful about them.
        if let buffer = req.body.data, let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any],
            let nodes = object["nodes"] as? [[String: Any]] {
            for (index, node) in nodes.enumerated() {
                if let extra = Set(node.keys).subtracting(FlowNodeDTO.keys).sorted().first {
                    throw HTTPError(.badRequest, "unknown_field", "Unknown field 'nodes[\(index)].\(extra.prefix(40))'.")
                }
                for answer in node["answers"] as? [[String: Any]] ?? [] {
                    if let extra = Set(answer.keys).subtracting(["label", "next"]).sorted().first {
                        throw HTTPError(.badRequest, "unknown_field", "Unknown field 'nodes[\(index)].answers[].\(extra.prefix(40))'.")
                    }
                }
            }
        }
        return try req.strictBody(FlowInput.self, keys: FlowInput.keys)
    }

    private static func dto(_ flow: TroubleshootingFlow, on req: Request) async throws -> FlowDTO {
        guard let brand = try await BrandQueries(database: req.db).find(flow.brandID) else { throw FlowError.notFound("brand") }
        return FlowDTO(flow, brand: brand, base: req.application.parleyServices.config.publicURL)
    }
}

struct FlowNodeDTO: Content {
    var key: String
    var kind: FlowNode.Kind
    var text: String
    var body: String?
    var answers: [FlowAnswer]?
    var articles: [String]?
    static let keys = ["key", "kind", "text", "body", "answers", "articles"]

    init(_ node: FlowNode) {
        key = node.key
        kind = node.kind
        text = node.text
        body = node.body
        answers = node.answers
        articles = node.articles
    }

    var node: FlowNode {
        FlowNode(key: key, kind: kind, text: text, body: body ?? "", answers: answers ?? [], articles: articles ?? [])
    }
}

struct FlowDTO: Content {
    var id: UUID
    var brand: String
    var slug: String
    var title: String
    var summary: String
    var status: String
    var url: String
    var shortLink: String
    var nodes: [FlowNodeDTO]
    var version: Int
    var createdAt: Date
    var updatedAt: Date
    var publishedAt: Date?

    init(_ flow: TroubleshootingFlow, brand: Brand, base: String) {
        id = flow.id
        self.brand = brand.slug
        slug = flow.slug
        title = flow.title
        summary = flow.summary
        status = flow.status.rawValue
        url = base + HelpLinks.flow(brand, flow)
        shortLink = base + HelpLinks.shortLink(flow)
        nodes = flow.nodes.map(FlowNodeDTO.init)
        version = flow.version
        createdAt = flow.createdAt
        updatedAt = flow.updatedAt
        publishedAt = flow.publishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, brand, slug, title, summary, status, url, nodes, version
        case shortLink = "short_link"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case publishedAt = "published_at"
    }
}

struct FlowStatsDTO: Content {
    struct Node: Content {
        var key: String
        var kind: String
        var reached: Int
        var left: Int
    }

    var from: Date
    var to: Date
    var starts: Int
    var solved: Int
    var contacted: Int
    var inProgress: Int
    var left: Int
    var completionRate: Double?
    var nodes: [Node]

    init(_ stats: FlowStats, from: Date, to: Date) {
        self.from = from
        self.to = to
        starts = stats.starts
        solved = stats.solved
        contacted = stats.contacted
        inProgress = stats.inProgress
        left = stats.left
        completionRate = stats.completionRate
        nodes = stats.nodes.map { Node(key: $0.key, kind: $0.kind.rawValue, reached: $0.reached, left: $0.left) }
    }

    enum CodingKeys: String, CodingKey {
        case from, to, starts, solved, contacted, left, nodes
        case inProgress = "in_progress"
        case completionRate = "completion_rate"
    }
}
