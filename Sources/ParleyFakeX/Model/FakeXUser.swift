/// An account in the fake world.
public struct FakeXUser: Sendable, Equatable {
    public var id: String
    public var username: String
    public var name: String
    public var followersCount: Int
    public var verified: Bool
    /// False: a DM to this user gets X's 403.
    public var dmsOpen: Bool
    /// The user object as recorded, served with the fields a request asks for.
    public var recordedJSON: FakeXJSON?

    public init(
        id: String, username: String, name: String? = nil, followersCount: Int = 0, verified: Bool = false,
        dmsOpen: Bool = true, recordedJSON: FakeXJSON? = nil
    ) {
        self.id = id
        self.username = username
        self.name = name ?? username
        self.followersCount = followersCount
        self.verified = verified
        self.dmsOpen = dmsOpen
        self.recordedJSON = recordedJSON
    }
}
