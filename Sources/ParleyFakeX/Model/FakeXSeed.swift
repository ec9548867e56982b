/// Facts about the world seeded from the recorded responses (`Options.seedRecorded`), for tests.
public enum FakeXSeed {
    /// @Twitter, whose mentions timeline was recorded.
    public static let brandUserID = "783214"
    public static let brandUsername = "Twitter"
    /// Recorded posts that @mention @Twitter: 12 from the mentions timeline, 28 from its likes.
    public static let mentionCount = 40
    /// The recorded recent-search query; matches the 20 posts recorded for it, and nothing else.
    public static let searchTerm = "tweepy"
    public static let searchMatchCount = 20
    /// One-to-one DM events in the brand's inbox.
    public static let dmEventCount = 4
    /// @TweepyDev, who sent the brand's DMs and whom `/2/users/me` described in the recordings.
    public static let customerUserID = "1072250532645998596"
}
