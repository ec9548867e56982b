import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/flows`: the desk's troubleshooting-flow editor. A flow is written as an outline
/// (`FlowOutline`); saving checks the tree and, when it is broken, shows the page again with what
/// was typed and every problem, each naming its node. The figures cover the last 30 days.
/// Each form calls the same `FlowActions` as `/api/v1/flows`.
struct FlowAdminController: RouteCollection {
    static let days = 30

    func boot(routes: any RoutesBuilder) throws {
        routes.get("flows", use: list)
        routes.get("flows", "new", use: new)
        routes.post("flows", use: create)
        routes.get("flows", ":flow", use: edit)
        routes.post("flows", ":flow", use: update)
    }

    @Sendable func list(req: Request) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let brands = try await BrandQueries(database: req.db).all()
        let brand = brands.first { $0.slug == req.query["brand"] } ?? brands.first
        let flows = FlowQueries(database: req.db)
        let now = req.parley.effects.now()
        var rows: [FlowsPage.Row] = []
        if let brand {
            for flow in try await flows.list(brandID: brand.id) {
                let stats = try await flows.stats(flow, from: now.addingTimeInterval(-Double(Self.days) * 86_400), to: now.addingTimeInterval(1), now: now)
                rows.append(.init(
                    id: flow.id.uuidString, title: flow.title, status: flow.status.rawValue, updated: req.localTime.format(flow.updatedAt),
                    starts: stats.starts, completion: FlowEditorPage.Figures.percent(stats.completionRate),
                    solved: FlowEditorPage.Figures.percent(stats.solvedRate), url: HelpLinks.flow(brand, flow),
                    shortLink: req.application.parleyServices.config.publicURL + HelpLinks.shortLink(flow)))
            }
        }
        return try await req.view.render("flows", FlowsPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: req.query["notice"],
            brands: brands.map { .init(slug: $0.slug, name: $0.name, selected: $0.id == brand?.id) }, brand: brand?.slug ?? "", rows: rows))
    }

    @Sendable func new(req: Request) async throws -> View {
        let brands = try await BrandQueries(database: req.db).all()
        var form = FlowEditorPage.Form(brand: (brands.first { $0.slug == req.query["brand"] } ?? brands.first)?.slug ?? "")
        form.outline = Self.starter
        return try await editor(req, flow: nil, form: form, brands: brands)
    }

    @Sendable func edit(req: Request) async throws -> View {
        let flow = try await Self.flow(req)
        let brands = try await BrandQueries(database: req.db).all()
        var form = FlowEditorPage.Form(brand: brands.first { $0.id == flow.brandID }?.slug ?? "")
        form.title = flow.title
        form.slug = flow.slug
        form.summary = flow.summary
        form.outline = FlowOutline.render(flow.nodes)
        form.status = flow.status.rawValue
        form.version = flow.version
        return try await editor(req, flow: flow, form: form, brands: brands)
    }

    private func editor(_ req: Request, flow: TroubleshootingFlow?, form: FlowEditorPage.Form, brands: [Brand], problems: [FlowEditorPage.Problem] = []) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let brand = brands.first { $0.slug == form.brand }
        var figures: FlowEditorPage.Figures?
        if let flow {
            let now = req.parley.effects.now()
            let stats = try await FlowQueries(database: req.db).stats(flow, from: now.addingTimeInterval(-Double(Self.days) * 86_400), to: now.addingTimeInterval(1), now: now)
            figures = .init(stats, days: Self.days, title: flow.title)
        }
        return try await req.view.render("flow-editor", FlowEditorPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: req.query["notice"],
            id: flow?.id.uuidString, form: form, problems: problems, canPublish: user.role.includes(.supervisor),
            brands: brands.map { .init(slug: $0.slug, name: $0.name, selected: $0.slug == form.brand) },
            publicURL: brand.flatMap { brand in flow.map { HelpLinks.flow(brand, $0) } },
            shortLink: flow.map { req.application.parleyServices.config.publicURL + HelpLinks.shortLink($0) }, figures: figures))
    }

    struct EditorForm: Decodable {
        var brand: String?
        var title: String
        var slug: String?
        var summary: String?
        var outline: String
        var status: String
        var version: Int?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let form = try req.content.decode(EditorForm.self)
        let brands = try await BrandQueries(database: req.db).all()
        do {
            let brand = try await ArticlesController.brand(form.brand, on: req)
            let flow = try await req.actions.flows.create(.init(
                brandID: brand.id, slug: form.slug?.isEmpty == false ? form.slug : nil, title: form.title, summary: form.summary ?? "",
                nodes: try FlowOutline.parse(form.outline), status: try HelpAdminController.status(form.status)), by: user)
            return req.redirect(to: "/flows/\(flow.id)", notice: "Saved: the flow is \(flow.status.rawValue).")
        } catch {
            return try await refused(req, error, flow: nil, form: form, brands: brands)
        }
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let current = try await Self.flow(req)
        let form = try req.content.decode(EditorForm.self)
        do {
            _ = try await req.actions.flows.update(current.id, .init(
                slug: form.slug?.isEmpty == false ? form.slug : nil, title: form.title, summary: form.summary ?? "",
                nodes: try FlowOutline.parse(form.outline), status: try HelpAdminController.status(form.status), version: form.version), by: user)
            return req.redirect(to: "/flows/\(current.id)", notice: "Saved.")
        } catch {
            return try await refused(req, error, flow: current, form: form, brands: try await BrandQueries(database: req.db).all())
        }
    }

    /// The editor again, with what was typed and what is wrong (422, so a script sees it failed);
    /// a failure of the server's own is thrown.
    private func refused(_ req: Request, _ error: any Error, flow: TroubleshootingFlow?, form: EditorForm, brands: [Brand]) async throws -> Response {
        let problems: [FlowEditorPage.Problem]
        if case .invalid(let list) = error as? FlowError {
            problems = list.map { .init(node: $0.node, message: $0.description) }
        } else if let refusal = HTTPError.refusal(error) {
            problems = [.init(node: nil, message: refusal.message)]
        } else {
            throw error
        }
        var kept = FlowEditorPage.Form(brand: form.brand ?? brands.first { $0.id == flow?.brandID }?.slug ?? "")
        kept.title = form.title
        kept.slug = form.slug ?? ""
        kept.summary = form.summary ?? ""
        kept.outline = form.outline
        kept.status = form.status
        kept.version = form.version ?? flow?.version ?? 0
        let view = try await editor(req, flow: flow, form: kept, brands: brands, problems: problems)
        return try await view.encodeResponse(status: .unprocessableEntity, for: req)
    }

    static func flow(_ req: Request) async throws -> TroubleshootingFlow {
        let id = try DeskController.uuid(req, "flow")
        guard let flow = try await FlowQueries(database: req.db).find(id) else { throw HTTPError.notFound("flow") }
        return flow
    }

    /// What a new flow's editor starts with: every kind of node, ready to rewrite.
    static let starter = """
        question start: What is the problem?
          [It doesn't start] -> restart
          [Something else] -> contact

        guidance restart: Restart it
          1. Switch it off and wait ten seconds.
          2. Switch it on again.
          [Done] -> works

        question works: Does it work now?
          [Yes] -> solved
          [No] -> contact

        solved solved: Great, it's working
          Thanks for trying these steps.

        contact contact: Let's get you to the team
          Tell us what happened; your answers are already in the form.

        """
}
