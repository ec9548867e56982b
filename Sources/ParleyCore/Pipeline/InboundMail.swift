import Foundation

/// An e-mail to the brand as the pipeline reads it: a message relayed to `/webhooks/email`
/// (parsed by `EmailParser`), a support-form request, or the brand's own answer recorded by the
/// sender. `text` is what the agent reads (quotes and signatures trimmed); the journal keeps the
/// original.
public struct InboundMail: Sendable, Equatable {
    /// The `Message-ID`, without angle brackets.
    public var messageID: String
    public var fromAddress: String
    public var fromName: String?
    public var toAddresses: [String]
    public var subject: String
    public var text: String
    /// `In-Reply-To` then `References`: the messages this one answers, nearest first.
    public var replyTo: [String]
    public var createdAt: Date
    /// The handle the mail is for when the source knows it (the support form, the brand's own
    /// answer); otherwise the handle whose support address it was sent to.
    public var handleXUserID: String?
    /// Sent by the brand (an agent's answer), not by a customer.
    public var fromBrand: Bool
    /// An auto-reply, list mail or a bounce: it never opens a case or counts as the customer writing.
    public var automated: Bool

    public init(
        messageID: String, fromAddress: String, fromName: String?, toAddresses: [String], subject: String, text: String,
        replyTo: [String], createdAt: Date, handleXUserID: String? = nil, fromBrand: Bool = false, automated: Bool = false
    ) {
        self.messageID = messageID
        self.fromAddress = fromAddress.lowercased()
        self.fromName = fromName
        self.toAddresses = toAddresses.map { $0.lowercased() }
        self.subject = subject
        self.text = text
        self.replyTo = replyTo
        self.createdAt = createdAt
        self.handleXUserID = handleXUserID
        self.fromBrand = fromBrand
        self.automated = automated
    }

    /// The customer's identity in the model (`CustomerIdentity`): the sender, or for the brand's
    /// own answer its first recipient.
    public var customerIdentity: String? {
        if fromBrand { return toAddresses.first.map(CustomerIdentity.email) }
        return CustomerIdentity.email(fromAddress)
    }
}

extension InboundMail {
    /// A relayed e-mail as the pipeline reads it: the text trimmed of quotes and signatures, the
    /// attachments named, automated mail (auto-replies, lists, bounces) marked. Without a
    /// `Message-ID` it is named by `fallbackID` (the journal's key, a hash of its bytes); a `Date`
    /// more than a day from when it arrived is not believed. `fromBrand`: the sender's record of an
    /// answer it sent (only the `outbox` source says so; a customer's mail cannot).
    public init(_ email: InboundEmail, fallbackID: String, receivedAt: Date, fromBrand: Bool = false) {
        var replyTo: [String] = []
        for id in email.inReplyTo + email.references.reversed() where !replyTo.contains(id) { replyTo.append(id) }
        var text = EmailReplyTrimmer.visible(email.text)
        let files = email.attachments.filter { !$0.isInline }
        if !files.isEmpty { text += "\n\n" + Self.attachmentsLine(files.map { ($0.filename, $0.size) }) }
        let date = email.date.flatMap { abs($0.timeIntervalSince(receivedAt)) <= 86_400 ? $0 : nil } ?? receivedAt
        self.init(
            messageID: email.messageID ?? fallbackID, fromAddress: email.from.address, fromName: email.from.name,
            toAddresses: (email.to + email.cc).map(\.address), subject: email.subject, text: text, replyTo: replyTo,
            createdAt: date, fromBrand: fromBrand, automated: !fromBrand && (email.autoSubmitted || email.isBounce))
    }

    /// "Attached: receipt.pdf (120 KB), photo.jpg (1.2 MB)"
    public static func attachmentsLine(_ files: [(name: String, bytes: Int)]) -> String {
        "Attached: " + files.map { "\($0.name) (\(size($0.bytes)))" }.joined(separator: ", ")
    }

    public static func size(_ bytes: Int) -> String {
        bytes < 1_024 ? "\(bytes) bytes" : bytes < 1_048_576 ? "\(bytes / 1_024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
