import Foundation
import ParleyCore
import ParleyStore

/// The search page's view model. `html` is the one field the template inserts unescaped: it is
/// built by `SearchTerms.highlightedHTML`, which escapes every character of the message and adds
/// only `<mark>` tags.
struct SearchResultsPage: Encodable {
    var user: UserBadge
    var csrf: String
    var q: String
    var searched: Bool
    var hits: [Hit]
    /// The next page, with `q` percent-encoded.
    var moreURL: String?

    struct Hit: Encodable {
        var conversationID: String
        var customerName: String
        var customerUsername: String
        var html: String
        var at: String
    }

    init(user: DeskUser, csrf: String, q: String, hits: [SearchHit], nextCursor: String?, time: LocalTime, banners: Banners) {
        self.user = UserBadge(user, banners: banners)
        self.csrf = csrf
        self.q = q
        searched = !q.allSatisfy(\.isWhitespace)
        self.hits = hits.map {
            Hit(conversationID: $0.conversationID.uuidString, customerName: $0.customer.name, customerUsername: $0.customer.username,
                html: SearchTerms.highlightedHTML($0.text, hits: $0.highlights), at: time.format($0.createdAt))
        }
        moreURL = nextCursor.map { "/search?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&cursor=\($0)" }
    }
}
