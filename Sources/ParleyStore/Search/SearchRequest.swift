import Foundation
import ParleyCore

/// One search: the words typed and the filters, all of which must hold.
public struct SearchRequest: Sendable, Equatable {
    public var terms: SearchTerms
    public var state: ConversationState?
    public var handleID: UUID?
    public var tag: String?
    /// The agent the conversation is assigned to.
    public var assigneeID: UUID?
    /// The message's own triage intent.
    public var intent: TriageIntent?
    /// Messages written at or after `from` and before `to`.
    public var from: Date?
    public var to: Date?
    public var limit: Int
    public var cursor: SearchCursor?

    public init(
        text: String, state: ConversationState? = nil, handleID: UUID? = nil, tag: String? = nil, assigneeID: UUID? = nil,
        intent: TriageIntent? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 20, cursor: SearchCursor? = nil
    ) {
        terms = SearchTerms(parsing: text)
        self.state = state
        self.handleID = handleID
        self.tag = tag
        self.assigneeID = assigneeID
        self.intent = intent
        self.from = from
        self.to = to
        self.limit = limit
        self.cursor = cursor
    }
}

/// A message that matched, with its conversation's customer and where the words are in its text.
public struct SearchHit: Sendable, Equatable {
    public var conversationID: UUID
    public var messageID: UUID
    public var text: String
    /// The conversation's customer (the author of a brand reply is the brand, not this person).
    public var customer: Customer
    public var createdAt: Date
    /// Lower is better on both engines (SQLite's bm25; PostgreSQL's `ts_rank`, negated).
    public var rank: Double
    /// UTF-16 offsets in `text`, sorted and not overlapping. Empty when only the author matched.
    public var highlights: [Range<Int>]
}

public struct SearchPage: Sendable, Equatable {
    public var items: [SearchHit]
    public var nextCursor: SearchCursor?
}

/// A position in a result list: best rank first, then newest, then message id. Opaque to clients.
/// A rank depends on the whole index, so messages indexed between two pages can move hits across
/// the boundary; on an unchanged index, pages never skip or repeat a hit.
public struct SearchCursor: Sendable, Equatable {
    public var rank: Double
    public var createdAt: Date
    public var messageID: UUID

    public init(rank: Double, createdAt: Date, messageID: UUID) {
        self.rank = rank
        self.createdAt = createdAt
        self.messageID = messageID
    }

    /// The exact bits of rank and time, so that equality holds when they come back.
    public var token: String {
        let raw = "s\(rank.bitPattern):\(createdAt.timeIntervalSince1970.bitPattern):\(messageID.uuidString)"
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        guard token.count <= 200 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8), raw.hasPrefix("s") else { return nil }
        let parts = raw.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let rank = UInt64(parts[0]), let time = UInt64(parts[1]), let id = UUID(uuidString: String(parts[2])) else {
            return nil
        }
        let rankValue = Double(bitPattern: rank)
        let timeValue = Double(bitPattern: time)
        guard rankValue.isFinite, timeValue.isFinite else { return nil }
        self.init(rank: rankValue, createdAt: Date(timeIntervalSince1970: timeValue), messageID: id)
    }
}
