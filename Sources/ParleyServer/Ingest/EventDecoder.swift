import Foundation
import ParleyCore
import ParleyX

/// Turns a journaled event into what it says. Errors here mark the event malformed; they never
/// stop the journal.
enum EventDecoder {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func decode(_ event: RawEvent) throws(Malformed) -> InboundEvent {
        switch event.source {
        case .desk:
            do {
                return InboundEvent(deskActions: [try deskDecoder.decode(DeskAction.self, from: event.payload)])
            } catch {
                throw Malformed(description: "Not a desk action: \(error)")
            }
        case .supportForm:
            do {
                return InboundEvent(mails: [try deskDecoder.decode(SupportRequest.self, from: event.payload).mail])
            } catch {
                throw Malformed(description: "Not a support request: \(error)")
            }
        case .email:
            do {
                return InboundEvent(mails: [InboundMail(try EmailParser.parse(event.payload), fallbackID: event.externalID, receivedAt: event.receivedAt)])
            } catch {
                throw Malformed(description: "Not an e-mail: \(error)")
            }
        case .outbox where event.payload.first.map({ $0 != UInt8(ascii: "{") }) ?? false:
            // The sender's record of an e-mail answer: the bytes it handed the SMTP server.
            do {
                return InboundEvent(mails: [InboundMail(
                    try EmailParser.parse(event.payload), fallbackID: event.externalID, receivedAt: event.receivedAt, fromBrand: true)])
            } catch {
                throw Malformed(description: "Not an e-mail: \(error)")
            }
        case .replay, .api, .sandbox, .outbox, .xPoll, .xStream, .xWebhook:
            let decoded: XDecodedPayload
            do {
                decoded = try XPayloadDecoder.decode(event.payload)
            } catch {
                throw Malformed(description: "\(error)")
            }
            // A payload whose every item was unusable is malformed, not an empty delivery; so is
            // JSON in no shape X sends events in.
            if decoded.event.isEmpty, !decoded.skipped.isEmpty {
                throw Malformed(description: decoded.skipped.map(\.description).joined(separator: "; "))
            }
            if decoded.event.isEmpty, decoded.kind == .other {
                throw Malformed(description: "JSON, but not a post, DM or user payload")
            }
            return decoded.event
        }
    }

    static let deskDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static let deskEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
