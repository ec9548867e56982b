import Fluent
import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// What `configure` builds once and handlers reach through `req.parley`.
struct ParleyServices: Sendable {
    var config: ParleyConfig
    var effects: Effects
    var metrics: ParleyMetrics
    var hub: LiveHub
    var options: PipelineOptions
    /// Nil when the model file is missing: the desk works, without priorities or handoff advice.
    var triager: Triager?
    /// Failed sign-ins: 5 per email and address in 15 minutes.
    var loginThrottle: SlidingWindowLimit
    /// Which process runs singleton work (the desk pass, the X connector).
    var leadership: Leadership
    /// The X connector; nil when it is off and the sandbox stands in for X.
    var x: XServices?
    /// Requests per API token: `PARLEY_TOKEN_RATE_LIMIT` a minute (600 unless set), per process.
    var tokenLimit: SlidingWindowLimit
    /// Help-center page views, written in batches.
    var articleViews = ArticleViews()
    /// Inbound e-mail: 30 a minute per sender, so a burst is refused (429) before the journal.
    var inboundMailLimit = SlidingWindowLimit(limit: 30, window: 60)
    /// Secrets the processes share, read once.
    var secrets = SharedSecrets()

    /// The journal's processor over `database`: the one way events become conversations.
    func processor(database: any Database, batchSize: Int = 500) -> IngestProcessor {
        IngestProcessor(
            database: database, effects: effects, options: options, triager: triager, metrics: metrics, hub: hub,
            batchSize: batchSize)
    }

    /// The one door into the journal, over `database`.
    func ingestor(database: any Database) -> Ingestor {
        Ingestor(database: database, effects: effects)
    }
}

private struct ParleyServicesKey: StorageKey {
    typealias Value = ParleyServices
}

extension Application {
    var parleyServices: ParleyServices {
        get {
            guard let services = storage[ParleyServicesKey.self] else {
                fatalError("configure(_:config:) has not run for this application.")
            }
            return services
        }
        set { storage[ParleyServicesKey.self] = newValue }
    }
}
