import ParleyCore
import ParleyStore
import Vapor

extension Request {
    /// The handle a route's `:handle` names, by id or by username (any case).
    func handleParameter() async throws -> Handle {
        guard let raw = parameters.get("handle") else { throw HTTPError.notFound("handle") }
        let handles = try await HandleQueries(database: db).all()
        guard let handle = handles.first(where: { $0.id.uuidString == raw.uppercased() || $0.username.lowercased() == raw.lowercased() })
        else { throw HTTPError.notFound("handle") }
        return handle
    }
}
