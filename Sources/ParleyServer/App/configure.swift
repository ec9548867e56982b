import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import ParleyCore
import ParleyStore
import Vapor

/// Builds the whole application from its configuration: database, migrations, views, sessions,
/// middleware, routes and (when asked) the background workers.
public func configure(_ app: Application, config: ParleyConfig, effects: Effects = .live) async throws {
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.directory = DirectoryConfiguration(workingDirectory: config.workingDirectory.hasSuffix("/") ? config.workingDirectory : config.workingDirectory + "/")
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)

    try useDatabase(config.database, on: app)
    app.migrations.add(ParleyMigrations.all)
    let leadership = try makeLeadership(config.database, database: app.db, effects: effects)
    // Processes starting at once on an empty database migrate one after another, not together.
    try await leadership.exclusively("migrate") { try await app.autoMigrate() }
    try await tuneDatabase(app.db)

    let metrics = ParleyMetrics()
    let services = ParleyServices(
        config: config, effects: effects, metrics: metrics, hub: LiveHub(),
        options: PipelineOptions(retweetsOpenConversations: config.retweetsOpenConversations, reopenWindow: config.reopenWindow),
        triager: loadTriager(config, logger: app.logger), loginThrottle: SlidingWindowLimit(limit: 5, window: 15 * 60), leadership: leadership,
        x: config.x.enabled ? try XServices(database: app.db, config: config.x, metrics: metrics, clock: effects.now) : nil,
        tokenLimit: SlidingWindowLimit(limit: config.desk.tokenRateLimit, window: 60))
    app.parleyServices = services

    app.views.use(.leaf)
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "parley_session"
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(string: sessionID.string, maxAge: 60 * 60 * 12, path: "/", isSecure: false, isHTTPOnly: true, sameSite: .lax)
    }
    app.middleware = Middlewares()
    app.middleware.use(ParleyErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)

    try routes(app)

    if case .postgres(let url) = config.database {
        let (hub, database) = (services.hub, app.db)
        await hub.relayTo { notice in await LiveRelay.send(notice, origin: hub.origin, on: database) }
        app.lifecycle.use(BackgroundService(name: "live-relay") { await LiveRelay.listen(url: url, hub: hub) })
    }

    if config.runWorkers {
        startWorkers(app, services: services)
    }
}

/// The triage models, read once at start-up.
func loadTriager(_ config: ParleyConfig, logger: Logger) -> Triager? {
    let path = config.resolvedTriageModelPath
    guard let data = FileManager.default.contents(atPath: path) else {
        logger.warning("triage model not found; conversations get no priority or handoff advice", metadata: ["path": "\(path)"])
        return nil
    }
    do {
        return Triager(models: try TriageModels(linearModelData: data))
    } catch {
        logger.error("triage model unreadable; triage is off", metadata: ["path": "\(path)", "error": "\(error)"])
        return nil
    }
}

/// Who leads singleton work: advisory locks on PostgreSQL, lease rows on SQLite.
func makeLeadership(_ choice: DatabaseChoice, database: any Database, effects: Effects) throws -> Leadership {
    let holder = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(effects.newID().uuidString.prefix(8))"
    switch choice {
    case .sqlite: return .sqlite(database: database, holder: holder, clock: effects.now)
    case .postgres(let url): return try .postgres(url: url, holder: holder)
    }
}

func useDatabase(_ choice: DatabaseChoice, on app: Application) throws {
    switch choice {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
}

/// SQLite: write-ahead logging (a setting of the file, so it holds for every connection and process)
/// lets pages read while the ingest writes. Synchronous stays at its default, FULL: the journal
/// promises an event is on disk before a source is told so. SQLiteNIO already retries on SQLITE_BUSY,
/// so `parley replay` can write while `parley serve` runs.
func tuneDatabase(_ database: any Database) async throws {
    guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
    try await sql.raw("PRAGMA journal_mode=WAL").run()
}

private func startWorkers(_ app: Application, services: ParleyServices) {
    let database = app.db
    let processor = services.processor(database: database)
    let views = services.articleViews
    app.lifecycle.use(WorkerLoop(name: "article-views", idle: .seconds(5)) {
        try await views.flush(on: database)
        return false
    })
    app.lifecycle.use(WorkerLoop(name: "ingest", idle: .milliseconds(200)) {
        try await processor.runOnce().events > 0
    })
    let ingestor = services.ingestor(database: database)
    let transport = ChannelTransport(
        x: services.x?.transport ?? SandboxTransport(database: database, ingestor: ingestor, effects: services.effects),
        mail: MailTransport(database: database, configuration: services.config.desk.smtp, effects: services.effects))
    let sender = Sender(
        database: database, transport: transport,
        ingestor: ingestor, effects: services.effects, metrics: services.metrics,
        owner: "sender-\(ProcessInfo.processInfo.processIdentifier)-\(services.effects.newID().uuidString.prefix(8))",
        leaseSeconds: services.config.outboxLeaseSeconds)
    app.lifecycle.use(WorkerLoop(name: "sender", idle: .milliseconds(300)) {
        try await sender.runOnce() != .idle
    })
    let desk = DeskWorker(context: ActionContext(services: services, database: database), settings: services.config.desk)
    app.lifecycle.use(WorkerLoop(name: "desk", idle: .seconds(2), leadership: services.leadership) {
        _ = try await desk.runOnce()
        return false
    })
    let publisher = Publisher(context: ActionContext(services: services, database: database))
    app.lifecycle.use(WorkerLoop(name: "publisher", idle: .seconds(1)) {
        try await publisher.runOnce() > 0
    })
    let watcher = SpikeWatcher(context: ActionContext(services: services, database: database))
    app.lifecycle.use(WorkerLoop(name: "spikes", idle: .seconds(30), leadership: services.leadership) {
        _ = try await watcher.runOnce()
        return false
    })
    let jobs = jobRunner(database: database, services: services)
    app.lifecycle.use(WorkerLoop(name: "jobs", idle: .seconds(1)) {
        try await jobs.runOnce() > 0
    })
    if let x = services.x {
        let connector = x.connector(ingestor: ingestor)
        let leadership = services.leadership
        app.lifecycle.use(BackgroundService(name: "x-connector") { await connector.run(leadership: leadership) })
    }
}

/// The jobs this process runs, one handler per kind.
func jobRunner(database: any Database, services: ParleyServices) -> JobRunner {
    let alertURL = services.config.desk.alertWebhookURL
    let desk = services.config.desk
    let effects = services.effects
    let owner = "jobs-\(ProcessInfo.processInfo.processIdentifier)-\(services.effects.newID().uuidString.prefix(8))"
    return JobRunner(database: database, effects: services.effects, owner: owner, handlers: [
        .slaAlert: { job in
            // Queued while a webhook was configured; without one now, there is nobody to tell.
            guard let alertURL else { return }
            try await AlertWebhook.deliver(job, to: alertURL)
        },
        .crisisNotice: { job in
            guard let alertURL else { return }
            try await AlertWebhook.deliver(job, to: alertURL)
        },
        .spikeAlert: { job in
            guard let alertURL else { return }
            try await AlertWebhook.deliver(job, to: alertURL)
        },
        .escalationEmail: { job in
            try await MailJob.deliver(job, smtp: desk.smtp, at: effects.now())
        },
        .supportEmail: { job in
            try await MailJob.deliver(job, smtp: desk.smtp, at: effects.now())
        },
        .csatSurvey: { job in
            try await DeskActions(ActionContext(services: services, database: database)).csat.send(job)
        },
    ])
}
