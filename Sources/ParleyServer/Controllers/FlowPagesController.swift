import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The public side of troubleshooting flows, no login and no JavaScript: `/help/:brand/flows`
/// lists them, `/help/:brand/flows/:flow` introduces one with a Start button, and each answer is a
/// form button that moves the walk on (`POST`, then a redirect to the next node, so reloading and
/// the back button behave). The path is in the URL (`?p=0.1`), so going back and answering again
/// works. `/f/:code` is a flow's short link for replies on X.
struct FlowPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("f", ":code", use: shortLink)
        let flows = routes.grouped("help", ":brand", "flows")
        flows.get(use: list)
        flows.get(":flow", use: intro)
        flows.post(":flow", "start", use: start)
        flows.get(":flow", ":walk", use: node)
        flows.post(":flow", ":walk", use: answer)
    }

    @Sendable func shortLink(req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"), code.count <= 12, let flow = try await FlowQueries(database: req.db).find(shortCode: code),
            let brand = try await BrandQueries(database: req.db).find(flow.brandID)
        else { throw HTTPError.notFound("flow") }
        return req.redirect(to: HelpLinks.flow(brand, flow))
    }

    @Sendable func list(req: Request) async throws -> View {
        let brand = try await req.helpBrand()
        let flows = try await FlowQueries(database: req.db).list(brandID: brand.id, statuses: [.published])
        let group = HelpListPage.Group(name: "Guided troubleshooting", url: nil, links: flows.map { .init(title: $0.title, url: HelpLinks.flow(brand, $0)) })
        return try await req.view.render("help-list", HelpListPage(
            brand: .init(brand), title: "Troubleshooting", intro: "Answer a few questions and we'll find the fix, or put you through to the team.",
            groups: flows.isEmpty ? [] : [group], query: ""))
    }

    @Sendable func intro(req: Request) async throws -> Response {
        let (brand, flow) = try await flow(req)
        let page = FlowPage(
            brand: brand, flow: flow, startURL: HelpLinks.flow(brand, flow) + "/start", publicURL: req.application.parleyServices.config.publicURL)
        let response = try await req.view.render("help-flow", page).encodeResponse(for: req)
        if req.cookies[HelpVisitor.cookie] == nil {
            response.cookies[HelpVisitor.cookie] = HelpVisitor.newCookie(req.parley.effects.newID())
        }
        if page.noindex { response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex") }
        return response
    }

    /// Needs the visitor cookie the intro page set: it is `SameSite=Lax`, so another site cannot
    /// start walks in a reader's browser to skew the figures.
    @Sendable func start(req: Request) async throws -> Response {
        let (brand, flow) = try await flow(req)
        guard let cookie = req.cookies[HelpVisitor.cookie]?.string, HelpVisitor.key(cookie) != nil else {
            throw HTTPError(.badRequest, "cookie_required", "Open the flow again and press Start on its page (it needs a cookie).")
        }
        let walk = try await req.actions.flows.start(flow.id)
        return req.redirect(to: HelpLinks.walk(brand, flow, walk.id, choices: []))
    }

    struct NodeQuery: Decodable {
        var p: String?
    }

    @Sendable func node(req: Request) async throws -> View {
        let (brand, flow) = try await flow(req)
        let walkID = try DeskController.uuid(req, "walk")
        guard let walk = try await FlowQueries(database: req.db).walk(walkID), walk.flowID == flow.id else { throw HTTPError.notFound("walk") }
        let path = try req.query.decode(NodeQuery.self).p ?? ""
        // A path the flow no longer has (it was edited since) starts again at the first node.
        let choices = FlowWalk.choices(path).flatMap { flow.walk($0) == nil ? nil : $0 } ?? []
        guard let position = flow.walk(choices) else { throw HTTPError.notFound("flow") }
        let articles = try await linkedArticles(position.current, brand: brand, on: req)
        return try await req.view.render("help-flow", FlowPage(
            brand: brand, flow: flow, walk: walk, choices: choices, position: position, articles: articles,
            restarted: FlowWalk.choices(path) != choices, publicURL: req.application.parleyServices.config.publicURL))
    }

    struct AnswerForm: Decodable {
        var p: String?
        var answer: Int
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let (brand, flow) = try await flow(req)
        let walkID = try DeskController.uuid(req, "walk")
        let form = try req.content.decode(AnswerForm.self)
        guard let choices = FlowWalk.choices(form.p ?? "") else { throw HTTPError(.badRequest, "bad_request", "The path is not one this flow makes.") }
        let walk = try await req.actions.flows.answer(flowID: flow.id, walkID: walkID, choices: choices, answer: form.answer)
        return req.redirect(to: HelpLinks.walk(brand, flow, walk.id, choices: walk.choices) + "#step")
    }

    private func flow(_ req: Request) async throws -> (Brand, TroubleshootingFlow) {
        let brand = try await req.helpBrand()
        guard let slug = req.parameters.get("flow"), HelpSlug.isValid(slug),
            let flow = try await FlowQueries(database: req.db).find(brandID: brand.id, slug: slug)
        else { throw HTTPError.notFound("flow") }
        switch flow.status {
        case .published: break
        case .draft where req.auth.has(AuthenticatedUser.self): break
        case .draft: throw HTTPError.notFound("flow")
        case .archived: throw HTTPError(.gone, "gone", "This troubleshooting flow was archived: it no longer applies.")
        }
        return (brand, flow)
    }

    private func linkedArticles(_ node: FlowNode, brand: Brand, on req: Request) async throws -> [HelpLink] {
        guard !node.articles.isEmpty else { return [] }
        let articles = ArticleQueries(database: req.db)
        var links: [HelpLink] = []
        for slug in node.articles {
            if let page = try await articles.page(brandID: brand.id, locale: "en", slug: slug), page.summary.status == .published {
                links.append(.init(title: page.summary.title, url: HelpLinks.article(brand, page.summary)))
            }
        }
        return links
    }
}
