import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// View models: what each Leaf template receives. Leaf escapes every `#(...)`, so text from X
/// (names, bios, previews) renders as text. The one `#unsafeHTML` is a message's `html`, which
/// only `TweetAutolinker` makes: it escapes every character of the post that it does not turn
/// into a link, and links only http(s) URLs, @names, #tags and $tags.
struct LoginPage: Encodable {
    var csrf: String
    var error: String?
    var email: String
}

struct ErrorPage: Encodable {
    var status: Int
    var message: String

    func render(on req: Request, status: HTTPResponseStatus) async throws -> Response {
        try await req.view.render("error", self).encodeResponse(status: status, for: req)
    }
}

/// The header of every signed-in page: who, their status, crisis mode's banner when it is on, and
/// spike alerts waiting for someone.
struct UserBadge: Encodable {
    var name: String
    var email: String
    var role: String
    /// Online, away or offline: the header's status control.
    var status: String
    var crisis: CrisisBanner?
    /// Spike alerts of the last day nobody has acknowledged yet.
    var alerts: [AlertBanner]
    var hasAlerts: Bool

    init(_ user: DeskUser, banners: Banners) {
        name = user.name
        email = user.email
        role = user.role.rawValue
        status = user.status.rawValue
        crisis = banners.crisis
        alerts = banners.alerts
        hasAlerts = !banners.alerts.isEmpty
    }
}

/// What every signed-in page shows above its content.
struct Banners: Sendable {
    var crisis: CrisisBanner?
    var alerts: [AlertBanner] = []
}

struct AlertBanner: Encodable, Sendable {
    var id: String
    var headline: String
}

/// "Crisis mode since 14:02 UTC: Login outage. Scheduled posts of @AcmeNews are paused."
struct CrisisBanner: Encodable, Sendable {
    var reason: String
    var since: String
    var handles: String
}

struct QueuePage: Encodable {
    var user: UserBadge
    var csrf: String
    var state: String
    var handle: String
    var sort: String
    var view: String
    var tag: String
    var handles: [String]
    var rows: [Row]
    var nextCursor: String?
    /// Handles X no longer accepts, or whose budget paused reads: shown above the queue.
    var xAlerts: [String]

    init(
        user: DeskUser, csrf: String, state: String, handle: String, sort: String, view: String = "all", tag: String = "",
        handles: [String], rows: [Row], nextCursor: String?, xAlerts: [String] = [], banners: Banners = Banners()
    ) {
        self.user = UserBadge(user, banners: banners)
        self.csrf = csrf
        self.state = state
        self.handle = handle
        self.sort = sort
        self.view = view
        self.tag = tag
        self.handles = handles
        self.rows = rows
        self.nextCursor = nextCursor
        self.xAlerts = xAlerts
    }

    struct Row: Encodable {
        var id: String
        var customerName: String
        var customerUsername: String
        var handle: String
        var state: String
        var channels: String
        var preview: String
        var lastActivity: String
        var waiting: String?
        var messageCount: Int
        var priority: Int
        var priorityReasons: String
        var handoffDM: Bool
        var assignee: String?
        var tags: [String]
        /// `warning` or `breached`, for the badge.
        var sla: String?
        var slaDue: String?
        /// Who has the case open right now.
        var viewers: String?

        init(_ s: ConversationSummary, now: Date, time: LocalTime, desk: DeskFields? = nil, tags: [String] = [], viewers: [String] = []) {
            self.viewers = viewers.isEmpty ? nil : viewers.joined(separator: ", ")
            assignee = desk?.assigneeName
            self.tags = tags
            sla = desk.flatMap { ["warning", "breached"].contains($0.slaStatus) ? $0.slaStatus : nil }
            slaDue = desk.flatMap { [$0.firstResponseDueAt, $0.nextResponseDueAt, $0.resolutionDueAt].compactMap { $0 }.min() }
                .map(time.format)
            id = s.conversation.id.uuidString
            customerName = s.customer.name
            customerUsername = s.customer.username
            handle = s.handleUsername
            state = s.conversation.state.rawValue
            channels = s.conversation.channels.map(\.rawValue).joined(separator: " + ")
            preview = String((s.lastMessage?.text ?? "").prefix(160))
            lastActivity = time.format(s.conversation.lastMessageAt)
            waiting = s.conversation.awaitingReplySince.map { Self.ago(from: $0, to: now) }
            messageCount = s.conversation.messageCount
            priority = s.conversation.priority
            priorityReasons = s.conversation.priorityReasons.joined(separator: ", ")
            handoffDM = s.conversation.triage.handoff == .dm
        }

        static func ago(from date: Date, to now: Date) -> String {
            let minutes = max(0, Int(now.timeIntervalSince(date) / 60))
            if minutes < 60 { return "\(minutes) min" }
            if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
            return "\(minutes / 1440) days"
        }
    }
}

struct ConversationPage: Encodable {
    var user: UserBadge
    var csrf: String
    var notice: String?
    var id: String
    var state: String
    var isOpen: Bool
    var handle: String
    var customer: CustomerCard
    var hasEmail = false
    var reference = ""
    var messages: [MessageRow]
    var outbox: [OutboxRow]
    var priority: Int
    var priorityReasons: String
    var handoffDM: Bool
    var handoffReasons: String
    var suggestedReply: String?
    var desk: DeskPanel?
    /// Another agent holding the reply: Send waits for an explicit take-over.
    var replyingNow: String?
    /// A reply sent back to the agent (refused), to try again.
    var draft: String?
    /// The ways this case can be answered: in public or by DM on X, or by e-mail to a customer
    /// known by their address.
    var sendAs: [SendOption] = []
    var askConfirmStale = false
    /// The newest message's time when the page was made (seconds since 1970).
    var seenUpTo = ""
    /// The customer's other cases, for the customer card.
    var pastCases: [PastCase] = []
    /// The care handle public replies go out from, when the case came to a marketing handle.
    var answerFrom: String?
    /// What the replying handle has left of its posting limits.
    var limitsLeft: String?
    /// The help-center articles that best match what the customer wrote, and the brand to search.
    var articles: [ArticleLink] = []
    var helpBrand: String?
    /// The case's satisfaction survey, in words ("4 of 5: “quick, thanks”"), when one was sent.
    var satisfaction: String?

    struct ArticleLink: Encodable {
        var title: String
        /// The public URL the composer inserts.
        var url: String
        var snippet: String
        var key: Int
    }

    struct PastCase: Encodable {
        var id: String
        var state: String
        var lastActivity: String
        var channels = ""
    }

    /// Who has the case, its tags, the team's internal notes and the audit trail.
    struct DeskPanel: Encodable {
        struct Note: Encodable {
            var author: String
            var body: String
            var at: String
        }

        struct Audit: Encodable {
            var who: String
            var action: String
            var detail: String
            var at: String
        }

        var assignee: String?
        var mine: Bool
        var tags: [String]
        var sla: String
        var slaDue: String?
        var snoozedUntil: String?
        var notes: [Note]
        var audit: [Audit]

        init(fields: DeskFields?, tags: [String], notes: [InternalNote], audit: [AuditEvent], names: [UUID: String], me: UUID, time: LocalTime) {
            assignee = fields?.assigneeName
            mine = fields?.assigneeID == me
            self.tags = tags
            sla = fields?.slaStatus ?? "none"
            slaDue = fields.flatMap { [$0.firstResponseDueAt, $0.nextResponseDueAt, $0.resolutionDueAt].compactMap { $0 }.min() }
                .map(time.format)
            snoozedUntil = fields?.snoozedUntil.map(time.format)
            self.notes = notes.map { Note(author: $0.authorName, body: $0.body, at: time.format($0.createdAt)) }
            self.audit = audit.map {
                Audit(who: $0.actorID.flatMap { names[$0] } ?? "Parley", action: $0.action.rawValue,
                      detail: $0.detail.hasPrefix("to ") || $0.detail.hasPrefix("auto-assigned to ")
                        ? Self.named($0.detail, names) : $0.detail,
                      at: time.format($0.createdAt))
            }
        }

        /// "to <uuid>" → "to Ana".
        static func named(_ detail: String, _ names: [UUID: String]) -> String {
            var text = detail
            for (id, name) in names { text = text.replacingOccurrences(of: id.uuidString, with: name) }
            return text
        }
    }

    struct CustomerCard: Encodable {
        var name: String
        var username: String
        var followers: Int
        var verified: Bool
        var bio: String?
        /// The address of a customer known by e-mail (then there is no X profile to show).
        var email: String? = nil
        /// Addresses an agent confirmed for an X customer.
        var confirmedEmails: [String] = []
    }

    struct MessageRow: Encodable {
        var from: String
        var kind: String
        var channel: String
        var text: String
        /// The text with its entities linked, escaped by `TweetAutolinker`.
        var html: String
        var at: String
        /// e.g. "complaint · negative · personal data: order_number"
        var triage: String?
        /// A customer's public reply, which the brand may hide in its own thread.
        var hideable: Bool = false
        var xID: String = ""
        var subject: String? = nil
        /// An e-mail's files, to download.
        var attachments: [AttachmentLink] = []
    }

    struct AttachmentLink: Encodable {
        var name: String
        var size: String
        var url: String
    }

    struct SendOption: Encodable {
        var value: String
        var label: String
        var checked: Bool

        /// The options for `customer`, with `chosen` (or the first) checked.
        static func options(customerXUserID: String, chosen: String?) -> [SendOption] {
            let channels: [(ParleyCore.Channel, String)] = CustomerIdentity.address(of: customerXUserID) != nil
                ? [(.email, "E-mail")] : [(.public, "Public reply"), (.dm, "Direct message")]
            let pick = channels.contains { $0.0.rawValue == chosen } ? chosen : channels.first?.0.rawValue
            return channels.map { SendOption(value: $0.0.rawValue, label: $0.1, checked: $0.0.rawValue == pick) }
        }
    }

    struct OutboxRow: Encodable {
        var channel: String
        var text: String
        var state: String
        var error: String?
    }

    init(_ d: ConversationDetail, user: DeskUser, csrf: String, notice: String?, time: LocalTime, banners: Banners = Banners()) {
        self.user = UserBadge(user, banners: banners)
        self.csrf = csrf
        self.notice = notice
        id = d.conversation.id.uuidString
        state = d.conversation.state.rawValue
        isOpen = d.conversation.state == .open
        handle = d.handle.username
        customer = CustomerCard(
            name: d.customer.name, username: d.customer.username, followers: d.customer.followersCount,
            verified: d.customer.verified, bio: d.customer.bio, email: CustomerIdentity.address(of: d.customer.xUserID))
        hasEmail = d.conversation.hasEmail
        reference = d.conversation.reference
        messages = d.messages.map {
            MessageRow(
                from: $0.kind.isOwn ? "brand" : "customer", kind: $0.kind.rawValue, channel: $0.kind.channel.rawValue,
                text: $0.text, html: Self.autolinker.html(for: $0.text), at: time.format($0.createdAt),
                triage: $0.triage.map(Self.describe), hideable: $0.kind == .reply, xID: $0.xID, subject: $0.subject)
        }
        priority = d.conversation.priority
        priorityReasons = d.conversation.priorityReasons.joined(separator: ", ")
        handoffDM = d.conversation.triage.handoff == .dm
        handoffReasons = d.conversation.triage.handoffReasons.joined(separator: ", ")
        suggestedReply = d.conversation.triage.suggestedReply
        outbox = d.outbox.filter { $0.state != .sent }.map {
            OutboxRow(channel: $0.channel.rawValue, text: $0.text, state: $0.state.rawValue, error: $0.error)
        }
    }

    static let autolinker: TweetAutolinker = {
        var autolinker = TweetAutolinker()
        autolinker.linkRelation = "nofollow noopener noreferrer"
        return autolinker
    }()

    static func describe(_ t: MessageTriage) -> String {
        var parts = [t.intent.rawValue.replacingOccurrences(of: "_", with: " "), t.sentiment.rawValue]
        if t.upset > 0 { parts.append("upset \(t.upset)") }
        if !t.personalData.isEmpty { parts.append("personal data: " + t.personalData.map(\.rawValue).joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }
}
