import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// A brand's public support form, `/help/:brand/contact` (no login, no script): category, name,
/// e-mail, description and up to three images or PDFs; from a troubleshooting flow's "contact
/// us" (`?walk=`), the answers the customer gave go with it. Spam meets a hidden field people
/// leave empty and a time trap (`SupportFormToken`); floods meet rate limits (429). A request
/// that passes opens a case through the journal (`SupportFormActions`).
struct SupportFormController: RouteCollection {
    static let maxBody: ByteCount = "20mb"

    func boot(routes: any RoutesBuilder) throws {
        let contact = routes.grouped("help", ":brand", "contact")
        contact.get(use: form)
        contact.on(.POST, body: .collect(maxSize: Self.maxBody), use: submit)
        contact.get("sent", use: sent)
    }

    struct FormQuery: Decodable {
        var walk: String?
        var category: String?
    }

    @Sendable func form(req: Request) async throws -> View {
        let brand = try await req.helpBrand()
        let query = try req.query.decode(FormQuery.self)
        var page = try await page(req, brand: brand, walk: query.walk)
        page.form.category = query.category ?? ""
        return try await req.view.render("help-contact", page)
    }

    struct Submission: Content {
        var name: String?
        var email: String?
        var category: String?
        var description: String?
        var walk: String?
        /// The field people never see; anything in it is a robot's.
        var website: String?
        var t: String?
        var attachments: [File]?
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let brand = try await req.helpBrand()
        let input = try req.content.decode(Submission.self)
        if let trap = input.website, !trap.isEmpty {
            // Told it went, so it does not try harder; nothing is kept.
            return req.redirect(to: HelpLinks.contact(brand, walk: nil) + "/sent")
        }
        var page = try await page(req, brand: brand, walk: input.walk)
        page.form = .init(name: input.name ?? "", email: input.email ?? "", category: input.category ?? "", description: input.description ?? "")
        let key = try await req.application.parleyServices.secrets.value("support-form", on: req.db)
        switch SupportFormToken.check(input.t ?? "", brand: brand.slug, now: req.parley.effects.now(), key: key) {
        case .ok: break
        case .tooFast:
            page.problems = [.init(field: "form", message: "That was quicker than anyone types: check your message and send it again.")]
            return try await refused(req, page)
        case .stale:
            page.problems = [.init(field: "form", message: "This form was open too long (or came from elsewhere): check your message and send it again.")]
            return try await refused(req, page)
        }
        let files = (input.attachments ?? []).filter { $0.data.readableBytes > 0 }
        let uploads = files.map { SupportFormRules.Upload(filename: $0.filename, data: Data(buffer: $0.data)) }
        let problems = SupportFormRules.problems(
            name: page.form.name, email: page.form.email, category: page.form.category, categories: page.categories,
            description: page.form.description, uploads: uploads)
        guard problems.isEmpty else {
            page.problems = problems.map { .init(field: $0.field, message: $0.message) }
            return try await refused(req, page)
        }
        guard let handle = try await Self.inbox(brand, on: req) else { throw HTTPError(.notFound, "no_inbox", "This help center does not take requests yet.") }
        let request = SupportRequest(
            id: req.parley.effects.newID(), brandSlug: brand.slug, handleXUserID: handle.xUserID, name: SupportFormRules.oneLine(page.form.name),
            email: page.form.email.trimmingCharacters(in: .whitespaces), category: page.form.category,
            description: page.form.description.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
            flow: page.flow.map { .init(title: $0.title, transcript: $0.transcript) },
            attachments: uploads.map { upload in
                let kind = AttachmentKind.of(upload.data)
                return .init(filename: SupportFormRules.filename(upload.filename, kind: kind), contentType: kind?.contentType ?? "application/octet-stream", data: upload.data)
            },
            submittedAt: req.parley.effects.now())
        do {
            let sent = try await req.actions.supportForm.submit(request, clientKey: SupportFormActions.key("client:" + (req.remoteAddress?.ipAddress ?? "unknown")))
            return req.redirect(to: HelpLinks.contact(brand, walk: nil) + "/sent?ref=\(sent.reference)")
        } catch let refusal as SupportFormActions.Refusal {
            // The form again with what was typed, and why; 429 with Retry-After for a flood.
            let mapped = HTTPError(refusal)
            page.problems = [.init(field: "form", message: mapped.message)]
            let response = try await req.view.render("help-contact", page).encodeResponse(status: mapped.status, for: req)
            if let seconds = mapped.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)") }
            return response
        }
    }

    @Sendable func sent(req: Request) async throws -> View {
        let brand = try await req.helpBrand()
        let reference = (req.query["ref"] as String?).flatMap { $0.count == 8 && $0.allSatisfy(\.isHexDigit) ? $0.uppercased() : nil }
        return try await req.view.render("help-contact-sent", SupportSentPage(brand: .init(brand), reference: reference))
    }

    private func refused(_ req: Request, _ page: SupportFormPage) async throws -> Response {
        try await req.view.render("help-contact", page).encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func page(_ req: Request, brand: Brand, walk: String?) async throws -> SupportFormPage {
        let top = try await BrandQueries(database: req.db).categories(brandID: brand.id).filter { $0.parentID == nil }.map(\.name)
        var flow: SupportFormPage.FlowPath?
        if let raw = walk, let id = UUID(uuidString: raw) {
            let flows = FlowQueries(database: req.db)
            if let walk = try await flows.walk(id), let found = try await flows.find(walk.flowID), found.brandID == brand.id,
                let position = found.walk(walk.choices) {
                flow = .init(walk: id.uuidString.lowercased(), title: found.title, transcript: position.transcript,
                             steps: position.steps.map { .init(text: $0.node.text, answer: $0.answer.label) })
            }
        }
        let key = try await req.application.parleyServices.secrets.value("support-form", on: req.db)
        return SupportFormPage(
            brand: .init(brand), action: HelpLinks.contact(brand, walk: nil), categories: (top.isEmpty ? ["Question", "Problem", "Feedback"] : top) + ["Something else"],
            token: SupportFormToken.make(brand: brand.slug, at: req.parley.effects.now(), key: key), flow: flow,
            maxFiles: SupportFormRules.maxAttachments, maxMegabytes: SupportFormRules.maxAttachmentBytes / 1_048_576,
            inbox: try await Self.inbox(brand, on: req) != nil)
    }

    /// The care handle whose inbox the brand's requests open in.
    static func inbox(_ brand: Brand, on req: Request) async throws -> Handle? {
        let handles = try await HandleQueries(database: req.db).all().filter { brand.handleIDs.contains($0.id) }
        return handles.first { $0.role == .care } ?? handles.first
    }
}

struct SupportFormPage: Encodable {
    struct Form: Encodable {
        var name = ""
        var email = ""
        var category = ""
        var description = ""
    }

    struct FlowPath: Encodable {
        struct Step: Encodable {
            var text: String
            var answer: String
        }

        var walk: String
        var title: String
        var transcript: String
        var steps: [Step]
    }

    struct Problem: Encodable {
        var field: String
        var message: String
    }

    var brand: HelpBrandHeader
    var action: String
    var categories: [String]
    var token: String
    var flow: FlowPath?
    var maxFiles: Int
    var maxMegabytes: Int
    var inbox: Bool
    var form = Form()
    var problems: [Problem] = []
    var query = ""
}

struct SupportSentPage: Encodable {
    var brand: HelpBrandHeader
    var reference: String?
    var query = ""
}
