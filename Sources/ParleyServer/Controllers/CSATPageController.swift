import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/csat/:token`: the satisfaction survey's public page (no login; the token in the link is
/// the key). GET shows the question, or the answer given; POST keeps an answer (1–5 and a
/// comment) and shows it, changeable until the survey closes. No script, no third-party
/// request, and never indexed or sent on as a referrer.
struct CSATPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("csat", ":token", use: show)
        routes.on(.POST, "csat", ":token", body: .collect(maxSize: "16kb"), use: submit)
    }

    struct Page: Encodable {
        var brand: String
        var token: String
        var reference: String
        var rating: Int?
        var comment: String
        var closes: String
        var open: Bool
        var saved: Bool
        var problem: String?
        var choices: [Choice]

        struct Choice: Encodable {
            var value: Int
            var label: String
            var checked: Bool
        }
    }

    struct Answer: Content {
        var rating: String?
        var comment: String?
    }

    static let labels = [1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neither", 4: "Satisfied", 5: "Very satisfied"]

    @Sendable func show(req: Request) async throws -> Response {
        let survey = try await Self.survey(req)
        return try await render(req, survey, saved: req.query[String.self, at: "saved"] == "1", problem: nil, status: .ok)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let survey = try await Self.survey(req)
        let form = try req.content.decode(Answer.self)
        do {
            let answer = try CSATAnswer(rating: form.rating, comment: form.comment)
            _ = try await req.actions.csat.answer(token: survey.token, answer)
            return req.redirect(to: "/csat/\(survey.token)?saved=1", redirectType: .normal)
        } catch let error as CSATError {
            var shown = survey
            shown.rating = Int(form.rating ?? "")
            shown.comment = form.comment.map { String($0.prefix(CSATAnswer.maxComment * 2)) }
            return try await render(req, shown, saved: false, problem: error.description, status: error == .closed ? .gone : .unprocessableEntity)
        }
    }

    static func survey(_ req: Request) async throws -> CSATSurvey {
        guard let token = req.parameters.get("token"), token.count == 32, token.allSatisfy(\.isHexDigit),
              let survey = try await CSATQueries(database: req.db).byToken(token) else {
            throw HTTPError(.notFound, "not_found", CSATError.notFound.description)
        }
        return survey
    }

    func render(_ req: Request, _ survey: CSATSurvey, saved: Bool, problem: String?, status: HTTPResponseStatus) async throws -> Response {
        let handle = try await req.parley.handles.all().first { $0.id == survey.handleID }
        let open = survey.isOpen(at: req.parley.effects.now())
        let page = Page(
            brand: handle?.name ?? "our team", token: survey.token, reference: CaseReference.of(survey.conversationID), rating: survey.rating,
            comment: survey.comment ?? "", closes: LocalTime.utc.format(survey.closesAt), open: open, saved: saved, problem: problem,
            choices: (1...5).map { Page.Choice(value: $0, label: Self.labels[$0] ?? "", checked: survey.rating == $0) })
        let response = try await req.view.render("csat", page).encodeResponse(status: open || status != .ok ? status : .gone, for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex")
        return response
    }
}
