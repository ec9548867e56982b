import Foundation

/// A brand: a group of handles (its care and marketing accounts) with one help center, support
/// form and forum. `slug` is its name in public URLs (`/help/spotify`).
public struct Brand: Sendable, Equatable, Codable {
    public var id: UUID
    public var slug: String
    public var name: String
    public var handleIDs: [UUID]

    public init(id: UUID, slug: String, name: String, handleIDs: [UUID] = []) {
        self.id = id
        self.slug = slug
        self.name = name
        self.handleIDs = handleIDs
    }
}
