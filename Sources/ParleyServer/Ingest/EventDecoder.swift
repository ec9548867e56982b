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
        case .replay, .api, .sandbox, .outbox, .xPoll, .xStream, .xWebhook:
            do {
                return try XPayloadDecoder.decode(event.payload).event
            } catch {
                throw Malformed(description: "\(error)")
            }
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
