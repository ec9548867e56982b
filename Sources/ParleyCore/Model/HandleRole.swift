/// What a brand account is for. Care handles answer customers; marketing handles publish
/// campaigns. Keeping them apart means a marketing handle never answers a care case by accident.
public enum HandleRole: String, Sendable, Codable, CaseIterable {
    case care
    case marketing
}
