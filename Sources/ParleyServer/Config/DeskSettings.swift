import Foundation

/// How the desk moves work around, read once at start-up.
public struct DeskSettings: Sendable, Equatable {
    /// An online agent idle this long becomes away (no new cases).
    public var awayAfter: TimeInterval
    /// A case an agent has held this long without replying while the customer waits goes back to the queue.
    public var requeueAfter: TimeInterval
    /// Cases assigned per team per pass.
    public var assignBatch: Int
    /// Where SLA breaches are POSTed as JSON for the supervisors' tools (chat, paging); nil: in the app only.
    public var alertWebhookURL: String?
    /// A case's SLA standing is measured again at most this often.
    public var slaRefresh: TimeInterval
    /// The SMTP relay (`smtp://[user:password@]host[:port]`) and the escalation list
    /// (communications, legal) that hears of spike alerts and crisis mode; nil: no e-mail.
    public var smtpURL: String?
    public var mailFrom = "parley@parley.local"
    /// A CA certificate (PEM) the SMTP relay's certificate may chain to besides the system's.
    public var smtpCAFile: String?
    public var escalationEmails: [String] = []
    /// The shared secret an inbound-mail relay sends (`Authorization: Bearer …`) with each message
    /// it POSTs to `/webhooks/email`; nil: the route is off (503).
    public var inboundEmailSecret: String?
    /// The largest inbound e-mail taken (413 beyond).
    public var maxEmailBytes = 10 * 1_048_576
    /// Requests a minute one API token may make (per process).
    public var tokenRateLimit = 600
    /// How long after a case is resolved its satisfaction survey goes; nil: no surveys.
    public var csatDelay: TimeInterval? = 3_600

    public init(
        awayAfter: TimeInterval = 15 * 60, requeueAfter: TimeInterval = 30 * 60, assignBatch: Int = 200,
        alertWebhookURL: String? = nil, slaRefresh: TimeInterval = 30
    ) {
        self.awayAfter = awayAfter
        self.requeueAfter = requeueAfter
        self.assignBatch = assignBatch
        self.alertWebhookURL = alertWebhookURL
        self.slaRefresh = slaRefresh
    }
}

extension DeskSettings {
    /// The SMTP relay to send with, when e-mail is set up.
    var smtp: SMTPSender.Configuration? {
        smtpURL.flatMap { SMTPSender.Configuration(url: $0, from: mailFrom, trustedCAFile: smtpCAFile) }
    }
}
