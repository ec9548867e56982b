import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// A row of the queue: the conversation with what the list shows of its customer and last message.
public struct ConversationSummary: Sendable, Equatable {
    public var conversation: Conversation
    public var customer: Customer
    public var handleUsername: String
    public var lastMessage: Message?
}

/// A conversation with everything its page shows.
public struct ConversationDetail: Sendable, Equatable {
    public var conversation: Conversation
    public var customer: Customer
    public var handle: Handle
    /// In the order they were written.
    public var messages: [Message]
    public var outbox: [OutboxItem]
}

/// One page of the queue and the cursor for the next.
public struct ConversationPage: Sendable, Equatable {
    public var items: [ConversationSummary]
    public var nextCursor: QueueCursor?
}

/// How the queue is ordered: by last activity (newest first), or by the effective priority (most
/// urgent first, then newest activity; `Conversation.priority`). Both end with the id, so the order is total and pages are stable.
public enum QueueOrder: String, Sendable, CaseIterable {
    case lastActivity = "last_activity"
    case priority
    /// Cases with a running SLA clock, the earliest due first.
    case slaDue = "sla_due"
    /// Cases whose customer waits for an answer, the longest waiting first.
    case longestWaiting = "longest_waiting"

    /// Orders by a date, oldest first, over only the cases that have it.
    public var isDateOrder: Bool { self == .slaDue || self == .longestWaiting }
}

/// Which cases a queue view shows, besides state and handle.
public struct QueueFilter: Sendable, Equatable {
    public var assigneeID: UUID?
    public var unassignedOnly: Bool
    public var teamIDs: [UUID]?
    /// Only these cases (a tag's).
    public var conversationIDs: [UUID]?
    /// Only cases at warning or breached.
    public var breachingOnly: Bool

    public init(
        assigneeID: UUID? = nil, unassignedOnly: Bool = false, teamIDs: [UUID]? = nil, conversationIDs: [UUID]? = nil,
        breachingOnly: Bool = false
    ) {
        self.assigneeID = assigneeID
        self.unassignedOnly = unassignedOnly
        self.teamIDs = teamIDs
        self.conversationIDs = conversationIDs
        self.breachingOnly = breachingOnly
    }
}

/// A position in the queue, for the next page. Opaque to API clients.
public struct QueueCursor: Sendable, Equatable {
    /// Set when the queue is ordered by priority.
    public var priority: Int?
    /// The position's time: last activity, or the SLA due / waiting-since time of the date orders.
    public var lastMessageAt: Date
    public var id: UUID
    /// Set when the queue is ordered by a date, oldest first.
    public var ascending: Bool

    public init(priority: Int? = nil, lastMessageAt: Date, id: UUID, ascending: Bool = false) {
        self.priority = priority
        self.lastMessageAt = lastMessageAt
        self.id = id
        self.ascending = ascending
    }

    /// The exact bits of the time, so that a page boundary never skips or repeats a row.
    public var token: String {
        let position = "\(lastMessageAt.timeIntervalSince1970.bitPattern):\(id.uuidString)"
        let raw = ascending ? "a:" + position : priority.map { "p\($0):" + position } ?? position
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        guard token.count <= 200 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else { return nil }
        var parts = raw.split(separator: ":").map(String.init)
        var priority: Int?
        var ascending = false
        if parts.count == 3, parts[0] == "a" {
            ascending = true
            parts.removeFirst()
        } else if parts.count == 3, parts[0].hasPrefix("p"), let value = Int(parts[0].dropFirst()) {
            priority = value
            parts.removeFirst()
        }
        guard parts.count == 2, let bits = UInt64(parts[0]), let id = UUID(uuidString: parts[1]) else { return nil }
        self.init(priority: priority, lastMessageAt: Date(timeIntervalSince1970: Double(bitPattern: bits)), id: id, ascending: ascending)
    }
}

public struct ConversationQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The queue, newest activity first, with a stable order for cursor pagination.
    /// The queue in `order`, one page after `cursor`; a cursor from the other order is refused.
    public func page(
        state: ConversationState?, handleID: UUID?, order: QueueOrder = .lastActivity, filter: QueueFilter = QueueFilter(),
        limit: Int, after cursor: QueueCursor?
    ) async throws -> ConversationPage {
        let query = ConversationRecord.query(on: database)
        if let state { query.filter(\.$state == state.rawValue) }
        if let handleID { query.filter(\.$handleID == handleID) }
        if let assignee = filter.assigneeID { query.filter(\.$assigneeID == assignee) }
        if filter.unassignedOnly { query.filter(\.$assigneeID == nil) }
        if let teams = filter.teamIDs { query.filter(\.$teamID ~~ teams.map { Optional($0) }) }
        if let ids = filter.conversationIDs { query.filter(\.$id ~~ ids) }
        if filter.breachingOnly { query.filter(\.$slaStatus ~~ ["warning", "breached"]) }
        if order.isDateOrder {
            return try await datePage(query, order: order, limit: limit, after: cursor)
        }
        if let cursor {
            guard (cursor.priority != nil) == (order == .priority), !cursor.ascending else {
                throw StoreError.invalid("This cursor belongs to a queue in another order.")
            }
            query.group(.or) { or in
                if let priority = cursor.priority {
                    or.filter(\.$effectivePriority < priority)
                    or.group(.and) { and in
                        and.filter(\.$effectivePriority == priority)
                        and.filter(\.$lastMessageAt < cursor.lastMessageAt)
                    }
                    or.group(.and) { and in
                        and.filter(\.$effectivePriority == priority)
                        and.filter(\.$lastMessageAt == cursor.lastMessageAt)
                        and.filter(\.$id < cursor.id)
                    }
                } else {
                    or.filter(\.$lastMessageAt < cursor.lastMessageAt)
                    or.group(.and) { and in
                        and.filter(\.$lastMessageAt == cursor.lastMessageAt)
                        and.filter(\.$id < cursor.id)
                    }
                }
            }
        }
        if order == .priority { query.sort(\.$effectivePriority, .descending) }
        let records = try await query.sort(\.$lastMessageAt, .descending).sort(\.$id, .descending)
            .limit(limit + 1).all()
        let page = Array(records.prefix(limit))
        let items = try await summaries(try page.map { try $0.toDomain() })
        let next = records.count > limit ? try page.last.map {
            QueueCursor(priority: order == .priority ? $0.effectivePriority : nil, lastMessageAt: $0.lastMessageAt, id: try $0.requireID())
        } : nil
        return ConversationPage(items: items, nextCursor: next)
    }

    /// The date orders: oldest first over the cases that have the date, then by id.
    private func datePage(
        _ query: QueryBuilder<ConversationRecord>, order: QueueOrder, limit: Int, after cursor: QueueCursor?
    ) async throws -> ConversationPage {
        let field: KeyPath<ConversationRecord, OptionalFieldProperty<ConversationRecord, Date>> =
            order == .slaDue ? \.$slaDueAt : \.$awaitingReplySince
        query.filter(field != nil)
        if let cursor {
            guard cursor.ascending else { throw StoreError.invalid("This cursor belongs to a queue in another order.") }
            query.group(.or) { or in
                or.filter(field > cursor.lastMessageAt)
                or.group(.and) { and in
                    and.filter(field == cursor.lastMessageAt)
                    and.filter(\.$id > cursor.id)
                }
            }
        }
        let records = try await query.sort(field, .ascending).sort(\.$id, .ascending).limit(limit + 1).all()
        let page = Array(records.prefix(limit))
        let conversations = try page.map { try $0.toDomain() }
        let next = records.count > limit ? page.last.flatMap { record in
            record[keyPath: field].value.flatMap { date in date.map { QueueCursor(lastMessageAt: $0, id: record.id!, ascending: true) } }
        } : nil
        return ConversationPage(items: try await summaries(conversations), nextCursor: next)
    }

    private func summaries(_ conversations: [Conversation]) async throws -> [ConversationSummary] {
        guard !conversations.isEmpty else { return [] }
        let customers = try await CustomerRecord.query(on: database)
            .filter(\.$id ~~ Set(conversations.map(\.customerID))).all()
            .reduce(into: [UUID: Customer]()) { $0[try $1.requireID()] = try $1.toDomain() }
        let handles = try await HandleRecord.query(on: database).all()
            .reduce(into: [UUID: String]()) { $0[try $1.requireID()] = $1.username }
        // The newest message per conversation, in one query.
        let messages = try await MessageRecord.query(on: database)
            .filter(\.$conversationID ~~ conversations.map { Optional($0.id) })
            .sort(\.$createdAt).all()
        var last: [UUID: Message] = [:]
        for record in messages { if let id = record.conversationID { last[id] = try record.toDomain() } }
        return conversations.compactMap { conversation in
            guard let customer = customers[conversation.customerID] else { return nil }
            return ConversationSummary(
                conversation: conversation, customer: customer,
                handleUsername: handles[conversation.handleID] ?? "", lastMessage: last[conversation.id])
        }
    }

    public func detail(_ id: UUID) async throws -> ConversationDetail? {
        guard let record = try await ConversationRecord.find(id, on: database) else { return nil }
        let conversation = try record.toDomain()
        guard let customer = try await CustomerRecord.find(conversation.customerID, on: database)?.toDomain(),
            let handle = try await HandleRecord.find(conversation.handleID, on: database)?.toDomain()
        else { throw StoreError.notFound(what: "customer or handle of conversation", id: id.uuidString) }
        let messages = try await MessageRecord.query(on: database).filter(\.$conversationID == id)
            .sort(\.$createdAt).sort(\.$xID).all().map { try $0.toDomain() }
        let outbox = try await OutboxQueries(database: database).forConversation(id)
        return ConversationDetail(
            conversation: conversation, customer: customer, handle: handle, messages: messages, outbox: outbox)
    }

    /// The message X knows by `xID` (the first version's id).
    public func message(xID: String) async throws -> Message? {
        try await MessageRecord.query(on: database).filter(\.$xID == xID).first()?.toDomain()
    }

    public func find(_ id: UUID) async throws -> Conversation? {
        try await ConversationRecord.find(id, on: database)?.toDomain()
    }

    /// How many conversations are in each state.
    public func countsByState() async throws -> [String: Int] {
        try await groupCount(table: "conversations", column: "state")
    }

    public func messageCountsByKind() async throws -> [String: Int] {
        try await groupCount(table: "messages", column: "kind")
    }

    func groupCount(table: String, column: String) async throws -> [String: Int] {
        let sql = try database.requireSQL()
        let rows = try await sql.select().column(SQLColumn(column)).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(table).groupBy(column).all()
        var result: [String: Int] = [:]
        for row in rows { result[try row.decode(column: column, as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return result
    }
}
