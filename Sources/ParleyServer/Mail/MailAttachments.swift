import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// The files a customer sent with an e-mail or the support form, read back from the journal,
/// where the original is kept (the case holds only their names and sizes in the text).
enum MailAttachments {
    struct File: Sendable {
        var filename: String
        var data: Data
    }

    static func journalKey(messageID: String) -> String { "mail:" + messageID }

    /// The attachments of an e-mail message of a case, in the order they came; empty for others.
    static func files(of message: Message, on database: any Database) async throws -> [File] {
        guard message.kind == .email, message.xID.hasPrefix("mail:") else { return [] }
        let messageID = String(message.xID.dropFirst(5))
        let journal = Journal(database: database)
        if messageID.hasPrefix("support-"), messageID.hasSuffix("@parley.invalid") {
            let id = messageID.dropFirst("support-".count).dropLast("@parley.invalid".count)
            guard let payload = try await journal.payload(source: .supportForm, externalID: "support:\(id)"),
                let request = try? EventDecoder.deskDecoder.decode(SupportRequest.self, from: payload)
            else { return [] }
            return request.attachments.map { File(filename: $0.filename, data: $0.data) }
        }
        guard let payload = try await journal.payload(source: .email, externalID: journalKey(messageID: messageID)),
            let email = try? EmailParser.parse(payload)
        else { return [] }
        return email.attachments.filter { !$0.isInline }.map { File(filename: $0.filename, data: $0.data) }
    }
}
