import Foundation
import ParleyCore
import Vapor

/// A saved reply. `actions` use `MacroAction`'s JSON (`{"type":"tag","tag":"billing"}`, …);
/// applying them is the conversation's business, not this API's.
struct TemplateDTO: Content, Equatable {
    var id: UUID
    var handleID: UUID?
    var name: String
    var body: String
    var placeholders: [String]
    var actions: [MacroAction]

    enum CodingKeys: String, CodingKey {
        case id, name, body, placeholders, actions
        case handleID = "handle_id"
    }

    init(_ t: ReplyTemplate) {
        id = t.id
        handleID = t.handleID
        name = t.name
        body = t.body
        placeholders = ((try? t.parsedBody().placeholders) ?? []).map(\.rawValue)
        actions = t.actions
    }
}

struct TemplateListDTO: Content, Equatable {
    var data: [TemplateDTO]
}

struct TemplateInputDTO: Content {
    var handleID: UUID?
    var name: String
    var body: String
    var actions: [MacroAction]?

    enum CodingKeys: String, CodingKey {
        case name, body, actions
        case handleID = "handle_id"
    }
}

struct RenderTemplateInputDTO: Content {
    var templateID: UUID
    var channel: ParleyCore.Channel

    enum CodingKeys: String, CodingKey {
        case channel
        case templateID = "template_id"
    }
}

struct TextCheckInputDTO: Content {
    var text: String
    var channel: ParleyCore.Channel
}

/// How a reply measures: `weighted_length` is X's weighted count for a public reply and the
/// character count for a DM; `thread` is there only for a public reply over 280.
struct TextCheckDTO: Content, Equatable {
    var text: String?
    var weightedLength: Int
    var max: Int
    var valid: Bool
    var thread: [String]?
    var actions: [MacroAction]?

    enum CodingKeys: String, CodingKey {
        case text, max, valid, thread, actions
        case weightedLength = "weighted_length"
    }

    init(_ check: ReplyTextCheck, includingText: Bool, actions: [MacroAction]? = nil) {
        text = includingText ? check.text : nil
        weightedLength = check.length
        max = check.limit
        valid = check.isValid
        thread = check.thread
        self.actions = actions
    }
}
