import Foundation

/// A change the open pages should show: conversations that got messages or changed state.
public struct ChangeNotice: Sendable, Equatable, Codable {
    public var conversationIDs: [UUID]
    public var reason: String

    public init(conversationIDs: [UUID], reason: String) {
        self.conversationIDs = conversationIDs
        self.reason = reason
    }
}

/// Fans change notices out to every open live connection of this process.
/// Across processes on PostgreSQL this is to be fed by LISTEN/NOTIFY (issue 8).
public actor LiveHub {
    private var subscribers: [UUID: AsyncStream<ChangeNotice>.Continuation] = [:]

    public init() {}

    public func subscribe() -> (id: UUID, stream: AsyncStream<ChangeNotice>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: ChangeNotice.self, bufferingPolicy: .bufferingNewest(64))
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return (id, stream)
    }

    public func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    public func publish(_ notice: ChangeNotice) {
        for continuation in subscribers.values { continuation.yield(notice) }
    }

    public var subscriberCount: Int { subscribers.count }
}
