import Foundation
import ParleyCore
import ParleyStore

/// Troubleshooting flows: anyone on the desk drafts one, supervisors and admins publish and
/// archive it (the help center's rule); customers start and walk published ones.
struct FlowActions: Sendable {
    let context: ActionContext

    struct Draft: Sendable {
        var brandID: UUID
        var slug: String?
        var title: String
        var summary: String = ""
        var nodes: [FlowNode]
        var status: PublicationStatus = .draft
    }

    struct Edit: Sendable {
        var slug: String?
        var title: String?
        var summary: String?
        var nodes: [FlowNode]?
        var status: PublicationStatus?
        /// The version the editor read; nil: whatever is current.
        var version: Int?
    }

    func create(_ draft: Draft, by actor: DeskUser) async throws -> TroubleshootingFlow {
        try HelpCenterActions.requireAuthor(actor, status: draft.status)
        let title = try FlowRules.title(draft.title)
        let summary = try FlowRules.summary(draft.summary)
        let nodes = try Self.valid(draft.nodes)
        return try await context.commit { tx in
            guard try await BrandQueries(database: tx.database).find(draft.brandID) != nil else { throw FlowError.notFound("brand") }
            let flows = FlowQueries(database: tx.database)
            let slug = try FlowRules.slug(draft.slug, title: title)
            guard try await !flows.slugTaken(slug, brandID: draft.brandID, except: nil) else { throw FlowError.duplicateSlug(slug) }
            try await Self.checkArticles(nodes, brandID: draft.brandID, on: tx)
            let flow = TroubleshootingFlow(
                id: tx.effects.newID(), brandID: draft.brandID, slug: slug, title: title, summary: summary, nodes: nodes,
                status: draft.status, shortCode: try await Self.newShortCode(flows, tx), authorID: actor.id,
                createdAt: tx.now, updatedAt: tx.now, publishedAt: draft.status == .published ? tx.now : nil)
            try await flows.create(flow)
            return Change(flow)
        }
    }

    func update(_ id: UUID, _ edit: Edit, by actor: DeskUser) async throws -> TroubleshootingFlow {
        if let status = edit.status { try HelpCenterActions.requireAuthor(actor, status: status) }
        let title = try edit.title.map { title throws(FlowError) in try FlowRules.title(title) }
        let summary = try edit.summary.map { summary throws(FlowError) in try FlowRules.summary(summary) }
        let nodes = try edit.nodes.map { nodes throws(FlowError) in try Self.valid(nodes) }
        return try await context.commit { tx in
            let flows = FlowQueries(database: tx.database)
            guard var flow = try await flows.find(id) else { throw FlowError.notFound("flow") }
            if let version = edit.version, version != flow.version { throw FlowError.staleVersion(current: flow.version) }
            // Changing a published flow changes what customers walk: the same rule as publishing it.
            if flow.status != .draft { try HelpCenterActions.requireAuthor(actor, status: .published) }
            if let slug = edit.slug, slug != flow.slug {
                guard HelpSlug.isValid(slug) else { throw FlowError.badSlug(slug) }
                guard try await !flows.slugTaken(slug, brandID: flow.brandID, except: id) else { throw FlowError.duplicateSlug(slug) }
                flow.slug = slug
            }
            if let title { flow.title = title }
            if let summary { flow.summary = summary }
            if let nodes {
                try await Self.checkArticles(nodes, brandID: flow.brandID, on: tx)
                flow.nodes = nodes
            }
            if let status = edit.status, status != flow.status {
                flow.status = status
                if status == .published { flow.publishedAt = tx.now }
            }
            flow.updatedAt = tx.now
            flow.version += 1
            guard try await flows.update(flow) else { throw FlowError.staleVersion(current: try await flows.find(id)?.version ?? flow.version) }
            return Change(flow)
        }
    }

    /// The tree as stored, or every problem with it.
    static func valid(_ nodes: [FlowNode]) throws(FlowError) -> [FlowNode] {
        let nodes = FlowRules.cleaned(nodes)
        let problems = FlowRules.problems(nodes)
        guard problems.isEmpty else { throw .invalid(problems) }
        return nodes
    }

    private static func checkArticles(_ nodes: [FlowNode], brandID: UUID, on tx: ActionContext) async throws {
        let slugs = Set(nodes.flatMap(\.articles))
        guard !slugs.isEmpty else { return }
        let published = Set(try await ArticleQueries(database: tx.database).list(.init(brandID: brandID, statuses: [.published], limit: 10_000)).map(\.slug))
        let problems = nodes.flatMap { node in node.articles.filter { !published.contains($0) }.map { FlowProblem.unknownArticle(node: node.key, $0) } }
        guard problems.isEmpty else { throw FlowError.invalid(problems) }
    }

    /// Seven characters of base 62 from a random id: 3.5 × 10¹² codes, checked for a clash.
    private static func newShortCode(_ flows: FlowQueries, _ tx: ActionContext) async throws -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        while true {
            let id = tx.effects.newID().uuid
            let bytes = [id.0, id.1, id.2, id.3, id.4, id.5, id.7]
            let code = String(bytes.map { alphabet[Int($0) % alphabet.count] })
            if try await flows.find(shortCode: code) == nil { return code }
        }
    }

    // MARK: customers

    /// "Start": a new walk at the flow's first node.
    func start(_ flowID: UUID) async throws -> FlowWalk {
        try await context.commit { tx in
            let flows = FlowQueries(database: tx.database)
            guard let flow = try await flows.find(flowID), flow.status == .published, let start = flow.start else { throw FlowError.notFound("flow") }
            let walk = FlowWalk(id: tx.effects.newID(), flowID: flow.id, startedAt: tx.now, updatedAt: tx.now, choices: [], lastNode: start.key, outcome: nil)
            try await flows.create(walk)
            return Change(walk)
        }
    }

    /// The customer, at the node `choices` leads to, picked answer `answer`. Going back in the
    /// browser and answering again moves the walk to the new path.
    func answer(flowID: UUID, walkID: UUID, choices: [Int], answer: Int) async throws -> FlowWalk {
        try await context.commit { tx in
            let flows = FlowQueries(database: tx.database)
            guard var walk = try await flows.walk(walkID), walk.flowID == flowID, let flow = try await flows.find(flowID), flow.status == .published else {
                throw FlowError.notFound("walk")
            }
            guard let position = flow.walk(choices + [answer]) else { throw FlowError.notFound("answer") }
            walk.choices = choices + [answer]
            walk.lastNode = position.current.key
            walk.outcome = position.current.kind.isOutcome ? position.current.kind : nil
            walk.updatedAt = tx.now
            try await flows.advance(walk)
            return Change(walk)
        }
    }
}
