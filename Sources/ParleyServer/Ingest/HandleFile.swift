import Foundation
import ParleyCore

/// A JSON list of handles (`[{"x_user_id","username","name","role","terms"}]`), as the demo ships
/// and `parley handle import` reads.
public enum HandleFile {
    struct Entry: Decodable {
        var xUserID: String
        var username: String
        var name: String
        var role: HandleRole
        var terms: [String]?

        enum CodingKeys: String, CodingKey {
            case username, name, role, terms
            case xUserID = "x_user_id"
        }
    }

    /// Handle ids derive from the X user id, so importing the same file twice changes nothing.
    public static func load(_ data: Data) throws -> [Handle] {
        try JSONDecoder().decode([Entry].self, from: data).map {
            Handle(
                id: StableID.make("handle", $0.xUserID), xUserID: $0.xUserID, username: $0.username, name: $0.name,
                role: $0.role, terms: $0.terms ?? [])
        }
    }
}
