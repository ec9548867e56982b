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

/// Fans change notices out to every open live connection of this process, and — on PostgreSQL —
/// to the other processes through `LiveRelay` (NOTIFY out, LISTEN in).
public actor LiveHub {
    private var subscribers: [UUID: AsyncStream<ChangeNotice>.Continuation] = [:]
    private var relay: (@Sendable (ChangeNotice) async -> Void)?
    /// Tells this process's own notices apart when they come back through the relay.
    public nonisolated let origin = UUID()

    public init() {}

    /// Sends every local notice on to the other processes too.
    public func relayTo(_ send: @escaping @Sendable (ChangeNotice) async -> Void) {
        relay = send
    }

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

    public func publish(_ notice: ChangeNotice) async {
        deliver(notice)
        if let relay { await relay(notice) }
    }

    /// A notice from another process: to this process's pages only.
    public func deliver(_ notice: ChangeNotice) {
        for continuation in subscribers.values { continuation.yield(notice) }
    }

    public var subscriberCount: Int { subscribers.count }
}
