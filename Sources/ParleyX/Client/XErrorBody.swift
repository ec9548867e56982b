import Foundation

/// Reads X's error bodies: problem details (`{"title","detail","type","status"}`), request errors
/// (`{"errors":[{"message"}]}`), OAuth 2.0 errors (`{"error","error_description"}`), or an HTML
/// page from X's edge.
enum XErrorBody {
    static func classify(status: Int, body: Data, rateLimit: XRateLimit?, contentType: String?) -> XAPIError {
        let (title, detail) = summary(body: body, status: status, contentType: contentType)
        switch status {
        case 429:
            return .rateLimited(resetAt: rateLimit?.resetAt)
        case 401:
            return .unauthorized(detail: detail)
        case 403:
            return .forbidden(detail: detail)
        case 500...599:
            return .unavailable(status: status, detail: detail)
        default:
            return .refused(status: status, title: title, detail: detail)
        }
    }

    /// A short title and detail; never the whole body, which may echo what the customer wrote.
    static func summary(body: Data, status: Int, contentType: String?) -> (title: String, detail: String) {
        guard !body.isEmpty else { return ("HTTP \(status)", "empty body") }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            let html = (contentType ?? "").contains("html") || body.prefix(64).contains(UInt8(ascii: "<"))
            return ("HTTP \(status)", html ? "an HTML error page, not JSON" : "a body that is not JSON (\(body.count) bytes)")
        }
        let title = (object["title"] as? String) ?? (object["error"] as? String) ?? "HTTP \(status)"
        var details: [String] = []
        if let detail = object["detail"] as? String { details.append(detail) }
        if let description = object["error_description"] as? String { details.append(description) }
        if let errors = object["errors"] as? [[String: Any]] {
            details += errors.prefix(3).compactMap { ($0["message"] as? String) ?? ($0["detail"] as? String) }
        }
        return (title, details.isEmpty ? title : details.joined(separator: "; "))
    }
}
