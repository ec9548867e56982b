import Foundation

/// A team of agents; routing sends cases to a team, auto-assignment picks one of its agents.
public struct Team: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var memberIDs: [UUID]

    public init(id: UUID, name: String, memberIDs: [UUID]) {
        self.id = id
        self.name = name
        self.memberIDs = memberIDs
    }
}
