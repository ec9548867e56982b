import ParleyCore
import ParleyStore
import Vapor

extension Request {
    /// The handle a route's `:handle` names, by id or by username (any case).
    func handleParameter() async throws -> Handle {
        guard let raw = parameters.get("handle") else { throw HTTPError.notFound("handle") }
        guard let handle = Handle.named(raw, in: try await HandleQueries(database: db).all()) else { throw HTTPError.notFound("handle") }
        return handle
    }

    /// The handle a query's `handle=` names (nil when absent); one it does not name is a 400.
    func handleQuery(_ raw: String?) async throws -> Handle? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let handle = Handle.named(raw, in: try await HandleQueries(database: db).all()) else {
            throw HTTPError(.badRequest, "bad_request", "handle '\(raw)' is neither a handle's id nor its username.")
        }
        return handle
    }
}
