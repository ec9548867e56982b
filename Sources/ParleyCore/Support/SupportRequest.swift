import Foundation

/// A customer's request from a brand's support form, as the journal keeps it (JSON): who, what
/// about, the troubleshooting path they had walked, and their attachments. The pipeline reads it
/// as an e-mail (`mail`), so it opens a case in the same inbox on the e-mail channel and the
/// agent's answer goes back by e-mail.
public struct SupportRequest: Sendable, Equatable, Codable {
    public struct Attachment: Sendable, Equatable, Codable {
        public var filename: String
        public var contentType: String
        public var data: Data

        public init(filename: String, contentType: String, data: Data) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    /// The troubleshooting flow the customer came from, and what they answered.
    public struct FlowPath: Sendable, Equatable, Codable {
        public var title: String
        public var transcript: String

        public init(title: String, transcript: String) {
            self.title = title
            self.transcript = transcript
        }
    }

    public var id: UUID
    public var brandSlug: String
    /// The care handle whose inbox the case opens in.
    public var handleXUserID: String
    public var name: String
    public var email: String
    public var category: String
    public var description: String
    public var flow: FlowPath?
    public var attachments: [Attachment]
    public var submittedAt: Date

    public init(
        id: UUID, brandSlug: String, handleXUserID: String, name: String, email: String, category: String, description: String,
        flow: FlowPath?, attachments: [Attachment], submittedAt: Date
    ) {
        self.id = id
        self.brandSlug = brandSlug
        self.handleXUserID = handleXUserID
        self.name = name
        self.email = email
        self.category = category
        self.description = description
        self.flow = flow
        self.attachments = attachments
        self.submittedAt = submittedAt
    }

    /// The request's own Message-ID, so the acknowledgement and the customer's replies thread to it.
    public var messageID: String { "support-\(id.uuidString.lowercased())@parley.invalid" }

    /// "Billing: I was charged twice for…": the category and the description's first words.
    public var subject: String {
        let firstLine = description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let words = firstLine.count > 60 ? String(firstLine.prefix(59)) + "…" : firstLine
        return "\(category): \(words)"
    }

    /// What the agent reads: the description, the path the customer walked, the files they sent.
    public var text: String {
        var parts = [description]
        if let flow {
            parts.append("Tried the troubleshooting flow “\(flow.title)”:\n" + flow.transcript)
        }
        if !attachments.isEmpty {
            parts.append(InboundMail.attachmentsLine(attachments.map { ($0.filename, $0.data.count) }))
        }
        return parts.joined(separator: "\n\n")
    }

    public var mail: InboundMail {
        InboundMail(
            messageID: messageID, fromAddress: email, fromName: name, toAddresses: [], subject: subject, text: text, replyTo: [],
            createdAt: submittedAt, handleXUserID: handleXUserID)
    }
}
