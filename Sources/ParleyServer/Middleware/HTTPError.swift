import Foundation
import ParleyCore
import ParleyStore
import ParleyX
import Vapor

/// The one place where errors become HTTP: a status, a stable code and a message a person can act on.
struct HTTPError: Error {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    /// Seconds to wait, sent as `Retry-After` (with 429 and 503).
    var retryAfter: Int?

    init(_ status: HTTPResponseStatus, _ code: String, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    init(_ error: any Error) {
        switch error {
        case let e as HTTPError: self = e
        case let e as DeskError:
            switch e {
            case .notFound: self.init(.notFound, e.code, e.description)
            case .forbidden: self.init(.forbidden, e.code, e.description)
            case .conflict: self.init(.conflict, e.code, e.description)
            case .invalid: self.init(.badRequest, e.code, e.description)
            case .rejected: self.init(.unprocessableEntity, e.code, e.description)
            }
        case let e as BusinessCalendarError: self.init(.unprocessableEntity, "invalid_policy", "The calendar: \(e.description)")
        case let e as SLAPolicyError: self.init(.unprocessableEntity, "invalid_policy", e.description)
        case let e as ReplyPolicyError: self.init(.forbidden, "automated_public_reply", e.description)
        case let e as ReplyDraftError: self.init(.unprocessableEntity, "reply_invalid", e.description)
        case let e as TemplateError: self.init(.unprocessableEntity, "template_invalid", e.description)
        case let e as TemplateRenderError: self.init(.unprocessableEntity, "template_unrenderable", e.description)
        case let e as ScheduledPostError:
            switch e {
            case .notFound: self.init(.notFound, "not_found", e.description)
            case .notAllowed: self.init(.conflict, "state_conflict", e.description)
            case .duplicate: self.init(.unprocessableEntity, "duplicate_content", e.description)
            case .tooLong, .cannotSplit: self.init(.unprocessableEntity, "too_long", e.description)
            case .unknownTimeZone: self.init(.unprocessableEntity, "unknown_time_zone", e.description)
            case .badLocalTime: self.init(.unprocessableEntity, "invalid_time", e.description)
            case .inThePast: self.init(.unprocessableEntity, "time_in_past", e.description)
            case .emptyText: self.init(.unprocessableEntity, "empty_text", e.description)
            case .rejectionNeedsNote: self.init(.unprocessableEntity, "note_required", e.description)
            }
        case let e as IncidentError:
            switch e {
            case .notFound: self.init(.notFound, "not_found", e.description)
            case .resolved: self.init(.conflict, "incident_resolved", e.description)
            case .titleRequired: self.init(.unprocessableEntity, "title_required", e.description)
            case .noStatement: self.init(.unprocessableEntity, "no_statement", e.description)
            case .notConfirmed: self.init(.preconditionRequired, "confirmation_required", e.description)
            }
        case let e as ArticleError:
            switch e {
            case .notFound: self.init(.notFound, "not_found", e.description)
            case .duplicateSlug: self.init(.conflict, "duplicate_slug", e.description)
            case .staleVersion: self.init(.conflict, "stale_version", e.description)
            case .emptyTitle, .titleTooLong, .bodyTooLong, .badSlug, .badLocale, .tooManyKeywords, .tooDeep:
                self.init(.unprocessableEntity, "article_invalid", e.description)
            }
        case let e as FlowError:
            switch e {
            case .notFound: self.init(.notFound, "not_found", e.description)
            case .duplicateSlug: self.init(.conflict, "duplicate_slug", e.description)
            case .staleVersion: self.init(.conflict, "stale_version", e.description)
            case .invalid, .outline, .emptyTitle, .titleTooLong, .summaryTooLong, .badSlug:
                self.init(.unprocessableEntity, "flow_invalid", e.description)
            }
        case let e as SupportFormActions.Refusal:
            switch e {
            case .tooMany(let seconds): self.init(.tooManyRequests, "too_many_requests", e.description, retryAfter: max(1, seconds))
            case .noInbox: self.init(.notFound, "no_inbox", e.description)
            }
        case let e as CrisisMode.Problem:
            switch e {
            case .reasonRequired: self.init(.unprocessableEntity, "reason_required", e.description)
            case .noHandles: self.init(.unprocessableEntity, "no_handles", e.description)
            case .alreadyOn, .notOn: self.init(.conflict, "crisis_state", e.description)
            }
        case let e as ConversationState.TransitionError: self.init(.conflict, "state_conflict", e.description)
        case let e as WebhookSignatureError:
            switch e {
            case .missingCRCToken: self.init(.badRequest, "crc_token_missing", e.description)
            case .missingHeader, .malformedHeader, .mismatch: self.init(.unauthorized, "bad_signature", e.description)
            }
        case let e as StoreError:
            switch e {
            case .notFound: self.init(.notFound, "not_found", e.description)
            case .conflict: self.init(.conflict, "conflict", e.description)
            case .invalid: self.init(.unprocessableEntity, "invalid", e.description)
            case .corruptValue: self.init(.internalServerError, "internal", "Unexpected error; logged.")
            }
        case let e as DecodingError: self.init(.badRequest, "bad_request", Self.describe(e))
        case let e as any AbortError:
            let code: String = switch e.status {
            case .payloadTooLarge: "payload_too_large"
            case .unauthorized: "unauthorized"
            case .forbidden: "forbidden"
            case .notFound: "not_found"
            case .unsupportedMediaType: "unsupported_media_type"
            default: "http_\(e.status.code)"
            }
            // A server-side failure's reason may describe internals (a template, a driver): log it, don't show it.
            self.init(e.status, code, e.status.code >= 500 ? "Unexpected error; logged." : e.reason)
        default: self.init(.internalServerError, "internal", "Unexpected error; logged.")
        }
    }

    /// Names the field and the problem, never the value (it may be personal data).
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map(\.stringValue).joined(separator: ".")
            return p.isEmpty ? "the body" : "'\(p)'"
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = context.codingPath.map(\.stringValue) + [key.stringValue]
            return "Missing field '\(parent.joined(separator: "."))'."
        case let .typeMismatch(type, context): return "Wrong type at \(path(context)): expected \(type)."
        case let .valueNotFound(type, context): return "Missing value at \(path(context)): expected \(type)."
        case let .dataCorrupted(context): return "Invalid value at \(path(context)): \(context.debugDescription)"
        @unknown default: return "The body could not be read."
        }
    }

    static func notFound(_ what: String) -> HTTPError { HTTPError(.notFound, "not_found", "No such \(what).") }

    /// A refusal a form shows as its notice (the rules said no, or the input was wrong); nil for a
    /// failure of the server's own, which the middleware logs and answers.
    static func refusal(_ error: any Error) -> HTTPError? {
        let mapped = HTTPError(error)
        return (400..<500).contains(mapped.status.code) && mapped.status != .unauthorized ? mapped : nil
    }
}

/// `{"error":{"code","message"}}` under `/api` and `/health`; a page elsewhere.
struct ParleyErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let mapped = HTTPError(error)
            let response = try await respond(to: request, with: mapped, error: error)
            if let seconds = mapped.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)") }
            return response
        }
    }

    private func respond(to request: Request, with mapped: HTTPError, error: any Error) async throws -> Response {
        if mapped.status == .internalServerError {
            request.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.url.path)"])
        } else if mapped.status.code >= 500 {
            request.logger.warning("request refused", metadata: ["code": "\(mapped.code)", "status": "\(mapped.status.code)"])
        } else {
            request.logger.info("request refused", metadata: ["code": "\(mapped.code)", "status": "\(mapped.status.code)"])
        }
        if request.url.path.hasPrefix("/api") || request.url.path.hasPrefix("/webhooks") || request.url.path == "/health" {
            let body = ErrorBodyDTO(error: .init(code: mapped.code, message: mapped.message))
            let response = Response(status: mapped.status)
            try response.content.encode(body, as: .json)
            return response
        }
        if mapped.status == .unauthorized {
            return request.redirect(to: "/login")
        }
        return try await ErrorPage(status: Int(mapped.status.code), message: mapped.message)
            .render(on: request, status: mapped.status)
    }
}

struct ErrorBodyDTO: Content {
    struct Body: Content {
        var code: String
        var message: String
    }
    var error: Body
}
