import Foundation
import ParleyCore

/// Which database the desk runs on.
public enum DatabaseChoice: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// The URL with its password hidden, for logs.
    public var redacted: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres:(unparseable URL)" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres"
        }
    }
}

/// Everything the server reads from flags and the environment, read once at start-up.
public struct ParleyConfig: Sendable {
    public var database: DatabaseChoice
    public var hostname: String
    public var port: Int
    /// Start the background workers (ingest processor, sender). Commands that only read turn them off.
    public var runWorkers: Bool
    /// Open conversations for pure retweets of the brand's posts.
    public var retweetsOpenConversations: Bool
    /// Largest request body accepted (bytes); larger gets 413.
    public var maxBodyBytes: Int
    /// How long a sender holds an outbox item before another may take it over.
    public var outboxLeaseSeconds: Double
    /// Where the Leaf views and public files are (the repository root when run with `swift run`).
    public var workingDirectory: String
    /// The triage model file, relative to the working directory unless absolute.
    public var triageModelPath: String
    /// The X connector: API base URL, app and OAuth credentials, poll intervals, prices.
    public var x: XConnectorConfig
    /// Idle agents, requeueing, assignment batches.
    public var desk: DeskSettings
    /// How long after resolution a customer's message reopens the case (else a new, linked case).
    public var reopenWindow: TimeInterval
    /// Where customers reach this server (`PARLEY_PUBLIC_URL`): the start of the help-center links
    /// agents send. Nil: `http://localhost:<port>`.
    public var publicURLOverride: String?

    /// The public base URL, without a trailing slash.
    public var publicURL: String { publicURLOverride ?? "http://localhost:\(port)" }

    public init(
        database: DatabaseChoice, hostname: String = "127.0.0.1", port: Int = 8080, runWorkers: Bool = true,
        retweetsOpenConversations: Bool = false, maxBodyBytes: Int = 1_048_576, outboxLeaseSeconds: Double = 30,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        triageModelPath: String = "Models/triage/triage-linear.bin", x: XConnectorConfig = XConnectorConfig(),
        desk: DeskSettings = DeskSettings(), reopenWindow: TimeInterval = 7 * 24 * 3600
    ) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.runWorkers = runWorkers
        self.retweetsOpenConversations = retweetsOpenConversations
        self.maxBodyBytes = maxBodyBytes
        self.outboxLeaseSeconds = outboxLeaseSeconds
        self.workingDirectory = workingDirectory
        self.triageModelPath = triageModelPath
        self.x = x
        self.desk = desk
        self.reopenWindow = reopenWindow
    }

    /// The triage model file as an absolute path.
    public var resolvedTriageModelPath: String {
        triageModelPath.hasPrefix("/") ? triageModelPath : (workingDirectory as NSString).appendingPathComponent(triageModelPath)
    }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case invalid(variable: String, value: String, expected: String)
        public var description: String {
            switch self {
            case let .invalid(variable, value, expected): "\(variable)=\(value) is not valid: expected \(expected)."
            }
        }
    }

    /// Builds the configuration from command-line values (which win) and the environment.
    /// `DATABASE_URL` selects PostgreSQL; otherwise SQLite at `dbPath` or `PARLEY_DB` or `./parley.sqlite`.
    public static func load(
        dbPath: String?, hostname: String?, port: Int?, environment: [String: String]
    ) throws -> ParleyConfig {
        let database: DatabaseChoice
        if let path = dbPath {
            database = .sqlite(path: path)
        } else if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw LoadError.invalid(variable: "DATABASE_URL", value: "(hidden)", expected: "a postgres:// URL")
            }
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: environment["PARLEY_DB"] ?? "parley.sqlite")
        }
        var resolvedPort = 8080
        if let port {
            resolvedPort = port
        } else if let raw = environment["PORT"] {
            guard let value = Int(raw), (1...65535).contains(value) else {
                throw LoadError.invalid(variable: "PORT", value: raw, expected: "a port number 1-65535")
            }
            resolvedPort = value
        }
        var retweets = false
        if let raw = environment["PARLEY_RETWEETS_OPEN_CONVERSATIONS"] {
            guard let value = Bool(raw.lowercased()) else {
                throw LoadError.invalid(variable: "PARLEY_RETWEETS_OPEN_CONVERSATIONS", value: raw, expected: "true or false")
            }
            retweets = value
        }
        var config = ParleyConfig(
            database: database, hostname: hostname ?? environment["HOST"] ?? "127.0.0.1", port: resolvedPort,
            retweetsOpenConversations: retweets)
        if let path = environment["PARLEY_TRIAGE_MODEL"], !path.isEmpty { config.triageModelPath = path }
        if let url = environment["PARLEY_PUBLIC_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw LoadError.invalid(variable: "PARLEY_PUBLIC_URL", value: url, expected: "an http(s) URL such as https://help.example.com")
            }
            config.publicURLOverride = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        config.x = try XConnectorConfig.load(environment: environment)
        func minutes(_ name: String) throws -> TimeInterval? {
            guard let raw = environment[name], !raw.isEmpty else { return nil }
            guard let value = Double(raw), value > 0, value <= 60 * 24 * 365 else {
                throw LoadError.invalid(variable: name, value: raw, expected: "a number of minutes greater than 0")
            }
            return value * 60
        }
        if let away = try minutes("PARLEY_AWAY_AFTER_MINUTES") { config.desk.awayAfter = away }
        if let requeue = try minutes("PARLEY_REQUEUE_AFTER_MINUTES") { config.desk.requeueAfter = requeue }
        if let window = try minutes("PARLEY_REOPEN_WINDOW_MINUTES") { config.reopenWindow = window }
        if let url = environment["PARLEY_ALERT_WEBHOOK_URL"], !url.isEmpty {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw LoadError.invalid(variable: "PARLEY_ALERT_WEBHOOK_URL", value: "(hidden)", expected: "an http(s) URL")
            }
            config.desk.alertWebhookURL = url
        }
        if let url = environment["SMTP_URL"], !url.isEmpty {
            config.desk.mailFrom = environment["PARLEY_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? config.desk.mailFrom
            guard SMTPSender.Configuration(url: url, from: config.desk.mailFrom) != nil else {
                throw LoadError.invalid(variable: "SMTP_URL", value: "(hidden)", expected: "smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps://… (TLS), and PARLEY_MAIL_FROM an address")
            }
            config.desk.smtpURL = url
            config.desk.smtpCAFile = environment["PARLEY_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        }
        if let secret = environment["PARLEY_INBOUND_EMAIL_SECRET"], !secret.isEmpty {
            guard secret.count >= 16 else {
                throw LoadError.invalid(variable: "PARLEY_INBOUND_EMAIL_SECRET", value: "(hidden)", expected: "at least 16 characters")
            }
            config.desk.inboundEmailSecret = secret
        }
        if let raw = environment["PARLEY_TOKEN_RATE_LIMIT"], !raw.isEmpty {
            guard let limit = Int(raw), (1...1_000_000).contains(limit) else {
                throw LoadError.invalid(variable: "PARLEY_TOKEN_RATE_LIMIT", value: raw, expected: "requests a minute per API token, 1 to 1000000")
            }
            config.desk.tokenRateLimit = limit
        }
        if let raw = environment["PARLEY_CSAT_DELAY_MINUTES"], !raw.isEmpty {
            if raw == "off" {
                config.desk.csatDelay = nil
            } else {
                guard let minutes = Int(raw), (0...10_080).contains(minutes) else {
                    throw LoadError.invalid(variable: "PARLEY_CSAT_DELAY_MINUTES", value: raw, expected: "minutes from 0 to 10080, or off")
                }
                config.desk.csatDelay = TimeInterval(minutes * 60)
            }
        }
        if let list = environment["PARLEY_ESCALATION_EMAILS"], !list.isEmpty {
            let addresses = list.commaSeparatedItems
            guard addresses.allSatisfy(MailMessage.isAddress) else {
                throw LoadError.invalid(variable: "PARLEY_ESCALATION_EMAILS", value: "(hidden)", expected: "comma-separated e-mail addresses")
            }
            config.desk.escalationEmails = addresses
        }
        return config
    }
}
