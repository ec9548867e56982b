/// Where an article or a troubleshooting flow is in its life. Only published ones are public; a
/// draft's page is for the desk (and `noindex`), an archived one answers 410 so old links say it
/// is gone.
public enum PublicationStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case published
    case archived
}
