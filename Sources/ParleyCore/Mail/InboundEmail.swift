import Foundation

/// An e-mail as received, reduced to what the desk uses: who wrote, to whom, about what, the
/// readable text and the files. `EmailParser.parse(_:limits:)` builds it. Every string in it is
/// decoded (RFC 2047 words, the parts' charsets), and the subject and display names are one line,
/// so none of them can start a header or a line of their own when shown or answered.
public struct InboundEmail: Sendable, Equatable {
    /// `Message-ID`, without its angle brackets.
    public var messageID: String?
    /// The ids in `In-Reply-To` and `References`, in order, without angle brackets: how a reply
    /// finds its conversation.
    public var inReplyTo: [String]
    public var references: [String]
    /// One line of at most 300 characters; control characters became spaces.
    public var subject: String
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var replyTo: EmailAddress?
    public var date: Date?
    /// The best plain text of the message: the text/plain parts, or the text/html ones converted
    /// when there is no plain text. LF line ends.
    public var text: String
    /// `text` was cut at `EmailLimits.maxTextCharacters`.
    public var truncated: Bool
    /// `text` came from HTML: there was no plain-text part.
    public var isHTMLOnly: Bool
    public var attachments: [EmailAttachment]
    /// Sent by a program (an auto-reply, a list, a bounce), so the desk must not answer it
    /// automatically (RFC 3834) or it may start a mail loop.
    public var autoSubmitted: Bool
    /// A delivery failure report: a DSN, mail from MAILER-DAEMON or postmaster, or a null
    /// return path.
    public var isBounce: Bool
    /// The message's own headers, in order, unfolded; encoded words are left as sent.
    public var headers: [EmailHeader]

    public init(
        messageID: String? = nil, inReplyTo: [String] = [], references: [String] = [], subject: String = "",
        from: EmailAddress, to: [EmailAddress] = [], cc: [EmailAddress] = [], replyTo: EmailAddress? = nil,
        date: Date? = nil, text: String = "", truncated: Bool = false, isHTMLOnly: Bool = false,
        attachments: [EmailAttachment] = [], autoSubmitted: Bool = false, isBounce: Bool = false,
        headers: [EmailHeader] = []
    ) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.subject = subject
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.date = date
        self.text = text
        self.truncated = truncated
        self.isHTMLOnly = isHTMLOnly
        self.attachments = attachments
        self.autoSubmitted = autoSubmitted
        self.isBounce = isBounce
        self.headers = headers
    }

    /// Where an answer goes: `Reply-To` when given, else `From`.
    public var replyAddress: EmailAddress { replyTo ?? from }

    /// The first value of a header, its name matched without regard to case.
    public func header(_ name: String) -> String? {
        let key = name.lowercased()
        return headers.first { $0.name.lowercased() == key }?.value
    }
}

/// A mailbox: the address (its domain lowercased, as domains are case-blind) and the display
/// name, if one was given.
public struct EmailAddress: Sendable, Equatable, Hashable {
    public var address: String
    public var name: String?

    public init(address: String, name: String? = nil) {
        if let at = address.lastIndex(of: "@") {
            self.address = String(address[..<at]) + address[at...].lowercased()
        } else {
            self.address = address
        }
        self.name = name?.isEmpty == false ? name : nil
    }
}

/// A file sent with a message. The filename is safe to show and to save under: no path, no
/// control characters, at most 150 characters.
public struct EmailAttachment: Sendable, Equatable {
    public var filename: String
    /// Lowercased media type, without parameters: `application/pdf`.
    public var contentType: String
    public var data: Data
    /// Marked `Content-Disposition: inline`: usually an image shown in the HTML body.
    public var isInline: Bool

    public init(filename: String, contentType: String, data: Data, isInline: Bool = false) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.isInline = isInline
    }

    /// Bytes, after the transfer encoding is undone.
    public var size: Int { data.count }
}

/// One header line as received: the name as sent and the unfolded value.
public struct EmailHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
