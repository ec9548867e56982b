/// A v2 page's `meta`: what the poller needs to page and to checkpoint `since_id`.
public struct XPageMeta: Sendable, Equatable {
    public var newestID: String?
    public var oldestID: String?
    public var resultCount: Int?
    public var nextToken: String?
    public var previousToken: String?

    public init(
        newestID: String? = nil, oldestID: String? = nil, resultCount: Int? = nil, nextToken: String? = nil,
        previousToken: String? = nil
    ) {
        self.newestID = newestID
        self.oldestID = oldestID
        self.resultCount = resultCount
        self.nextToken = nextToken
        self.previousToken = previousToken
    }
}

/// One entry of a v2 response's partial `errors` array (an RFC 7807 problem).
public struct XAPIProblem: Sendable, Equatable {
    public var title: String?
    public var detail: String?
    /// A URI such as `https://api.twitter.com/2/problems/resource-not-found`.
    public var type: String?
    public var resourceType: String?
    public var resourceID: String?
    public var parameter: String?

    public init(
        title: String? = nil, detail: String? = nil, type: String? = nil, resourceType: String? = nil,
        resourceID: String? = nil, parameter: String? = nil
    ) {
        self.title = title
        self.detail = detail
        self.type = type
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.parameter = parameter
    }
}
