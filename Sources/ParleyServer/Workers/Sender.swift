import FluentKit
import Foundation
import Logging
import Metrics
import ParleyCore
import ParleyStore

/// Sends outbox items through a transport, each exactly once.
///
/// An item is marked `sending` (durably, with a lease) before the transport is called. If this
/// process dies after X accepted the post but before `sent` was recorded, the lease runs out, the
/// next sender finds the item in `sending`, and asks the transport whether it already went out
/// before trying again.
public struct Sender: Sendable {
    let database: any Database
    let transport: any OutboxTransport
    let ingestor: Ingestor
    let effects: Effects
    let metrics: ParleyMetrics
    let owner: String
    let leaseSeconds: Double
    let faults: Faults
    let logger = Logger(label: "parley.sender")

    /// Failures a test can inject at the most dangerous moment.
    public struct Faults: Sendable {
        /// Stop right after the transport accepted the post, before anything is recorded.
        public var crashAfterDelivery: Bool
        public init(crashAfterDelivery: Bool = false) { self.crashAfterDelivery = crashAfterDelivery }
    }

    public struct InjectedCrash: Error {}

    public init(
        database: any Database, transport: any OutboxTransport, ingestor: Ingestor, effects: Effects,
        metrics: ParleyMetrics, owner: String, leaseSeconds: Double, faults: Faults = Faults()
    ) {
        self.database = database
        self.transport = transport
        self.ingestor = ingestor
        self.effects = effects
        self.metrics = metrics
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.faults = faults
    }

    public enum Outcome: Sendable, Equatable {
        case idle
        case sent(UUID, xID: String)
        case reconciled(UUID, xID: String)
        case failed(UUID, reason: String)
        case retryLater(UUID)
        /// Over a posting limit: it goes at `until`.
        case held(UUID, until: Date)
    }

    /// Takes one item and settles it.
    @discardableResult
    public func runOnce() async throws -> Outcome {
        let outbox = OutboxQueries(database: database)
        let now = effects.now()
        guard let leased = try await outbox.lease(owner: owner, now: now, until: now.addingTimeInterval(leaseSeconds)) else {
            return .idle
        }
        guard let handle = try await HandleQueries(database: database).find(leased.handleID) else {
            try await outbox.markFailed(leased.id, owner: owner, error: "The handle of this reply no longer exists.", at: now)
            return .failed(leased.id, reason: "handle missing")
        }
        let delivery = OutboxDelivery(item: leased, handleXUserID: handle.xUserID)
        if leased.state == .sending, let receipt = try await transport.findDelivered(delivery) {
            try await record(delivery, receipt: receipt)
            logger.info("outbox item reconciled after restart", metadata: ["outbox_id": "\(leased.id)"])
            return .reconciled(leased.id, xID: receipt.xID)
        }
        // Nothing goes out over the handle's posting limits: the item waits, with the reason, for the window.
        let history = try await outbox.history(handleID: handle.id, since: now.addingTimeInterval(-PostingLimits.day), excluding: leased.id)
        if let exceeded = handle.postingLimits.check(leased.kind, sent: history, now: now) {
            try await outbox.release(leased.id, owner: owner, error: exceeded.words, retryAt: exceeded.until, at: now)
            metrics.outboxHeld.increment()
            logger.notice("outbox item held by a posting limit", metadata: ["outbox_id": "\(leased.id)", "limit": "\(exceeded.limit)"])
            return .held(leased.id, until: exceeded.until)
        }
        do {
            let receipt = try await transport.deliver(delivery)
            if faults.crashAfterDelivery { throw InjectedCrash() }
            try await record(delivery, receipt: receipt)
            logger.info("reply sent", metadata: ["outbox_id": "\(leased.id)", "channel": "\(leased.channel.rawValue)"])
            return .sent(leased.id, xID: receipt.xID)
        } catch let error as DeliveryError {
            switch error {
            case .rejected:
                let now = effects.now()
                try await database.transaction { db in
                    try await OutboxQueries(database: db).markFailed(leased.id, owner: owner, error: error.description, at: now)
                    try await ScheduledPostProgress.failed(leased, error: error.description, at: now, on: db)
                }
                metrics.outboxFailed.increment()
                logger.warning("reply refused", metadata: ["outbox_id": "\(leased.id)"])
                return .failed(leased.id, reason: error.description)
            case .temporary:
                let backoff = min(300, 5 * pow(2, Double(max(0, leased.attempts))))
                try await outbox.release(
                    leased.id, owner: owner, error: error.description, retryAt: effects.now().addingTimeInterval(backoff),
                    at: effects.now())
                return .retryLater(leased.id)
            }
        }
    }

    /// Records the post X accepted: the outbox row, and an event in the journal so the reply
    /// shows in its conversation even if X never echoes it back (dedupe merges the echo).
    /// A scheduled post's part is recorded with its post's progress in one transaction, and not
    /// journaled: it belongs to no conversation (X's echo of it is heard like any own post).
    private func record(_ delivery: OutboxDelivery, receipt: DeliveryReceipt) async throws {
        let item = delivery.item
        let now = effects.now()
        if item.scheduledPostID != nil {
            let owner = owner
            let next = effects.newID()
            try await database.transaction { db in
                try await OutboxQueries(database: db).markSent(item.id, owner: owner, xID: receipt.xID, at: now)
                try await ScheduledPostProgress.sent(item, xID: receipt.xID, at: now, newID: next, on: db)
            }
            metrics.outboxSent.increment()
            return
        }
        try await OutboxQueries(database: database).markSent(item.id, owner: owner, xID: receipt.xID, at: now)
        metrics.outboxSent.increment()
        let payload = OutboxEcho.payload(delivery, receipt: receipt)
        try await ingestor.receive([
            RawEvent(source: .outbox, externalID: JournalKey.outbox(item.id), payload: payload, receivedAt: effects.now())
        ])
    }
}
