import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// One search hit. `html` is `text` with every character escaped and the hits in `<mark>`; it is
/// the only form of the text that may be inserted as HTML.
struct SearchHitDTO: Content, Equatable {
    struct Highlight: Content, Equatable {
        /// UTF-16 offsets in `text`, end exclusive (what JavaScript's `slice` takes).
        var start: Int
        var end: Int
    }

    var conversationID: UUID
    var messageID: UUID
    var text: String
    var highlights: [Highlight]
    var html: String
    var customer: CustomerDTO
    var createdAt: Date
    var rank: Double

    enum CodingKeys: String, CodingKey {
        case text, highlights, html, customer, rank
        case conversationID = "conversation_id"
        case messageID = "message_id"
        case createdAt = "created_at"
    }

    init(_ hit: SearchHit) {
        conversationID = hit.conversationID
        messageID = hit.messageID
        text = hit.text
        highlights = hit.highlights.map { Highlight(start: $0.lowerBound, end: $0.upperBound) }
        html = SearchTerms.highlightedHTML(hit.text, hits: hit.highlights)
        customer = CustomerDTO(hit.customer)
        createdAt = hit.createdAt
        rank = hit.rank
    }
}

struct SearchResultsDTO: Content, Equatable {
    var data: [SearchHitDTO]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
    }
}
