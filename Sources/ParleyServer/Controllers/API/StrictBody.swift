import Foundation
import Vapor

extension Request {
    /// The JSON body as `T`, refusing fields `T` does not know: a misspelt `due_time` must not be
    /// silently dropped and leave the post at its old time.
    func strictBody<T: Decodable>(_ type: T.Type, keys: [String]) throws -> T {
        guard let buffer = body.data, let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw HTTPError(.badRequest, "bad_request", "The body must be a JSON object.")
        }
        let unknown = Set(object.keys).subtracting(keys).sorted()
        guard unknown.isEmpty else {
            throw HTTPError(.badRequest, "unknown_field", "Unknown field\(unknown.count > 1 ? "s" : "") \(unknown.map { "'\($0.prefix(40))'" }.joined(separator: ", ")).")
        }
        return try content.decode(T.self)
    }
}
