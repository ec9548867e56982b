import Foundation

/// A category of a brand's help center, or a section of one (`parentID` set): articles sit in
/// one. Two levels at most, as help centers show them.
public struct HelpCategory: Sendable, Equatable, Codable {
    public var id: UUID
    public var brandID: UUID
    public var slug: String
    public var name: String
    public var parentID: UUID?
    public var position: Int

    public init(id: UUID, brandID: UUID, slug: String, name: String, parentID: UUID? = nil, position: Int = 0) {
        self.id = id
        self.brandID = brandID
        self.slug = slug
        self.name = name
        self.parentID = parentID
        self.position = position
    }
}
