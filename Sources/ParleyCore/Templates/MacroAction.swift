import Foundation

/// Who a macro assigns the conversation to.
public enum MacroAssignee: Sendable, Hashable, Codable {
    /// Whoever applies the macro.
    case me
    case user(UUID)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        if raw == "me" {
            self = .me
        } else if let id = UUID(uuidString: raw) {
            self = .user(id)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "An assignee is \"me\" or a user's id.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .me: try container.encode("me")
        case .user(let id): try container.encode(id.uuidString)
        }
    }
}

/// What a macro does to the conversation besides filling the reply box.
///
/// There is deliberately no "send" action: a macro only drafts, and the agent sends
/// (issue 8, "humans send public replies"). Applying the actions is the conversation's business;
/// this type only says what they are. JSON: `{"type":"tag","tag":"billing"}`,
/// `{"type":"assign","user":"me"}`, `{"type":"set_state","state":"pending"}`, `{"type":"move_to_dm"}`.
public enum MacroAction: Sendable, Hashable, Codable {
    case tag(String)
    case assign(MacroAssignee)
    /// One of `ConversationState`'s raw values; the list grows with the life cycle.
    case setState(ConversationState)
    case moveToDM

    public enum Kind: String, Sendable, CaseIterable {
        case tag, assign
        case setState = "set_state"
        case moveToDM = "move_to_dm"
    }

    public var kind: Kind {
        switch self {
        case .tag: .tag
        case .assign: .assign
        case .setState: .setState
        case .moveToDM: .moveToDM
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, tag, user, state
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode(String.self, forKey: .type)
        guard let kind = Kind(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "type must be one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        switch kind {
        case .tag: self = .tag(try container.decode(String.self, forKey: .tag))
        case .assign: self = .assign(try container.decode(MacroAssignee.self, forKey: .user))
        case .setState:
            let state = try container.decode(String.self, forKey: .state)
            guard let parsed = ConversationState(rawValue: state) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .state, in: container,
                    debugDescription: "state must be one of: \(ConversationState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            self = .setState(parsed)
        case .moveToDM: self = .moveToDM
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .type)
        switch self {
        case .tag(let tag): try container.encode(tag, forKey: .tag)
        case .assign(let assignee): try container.encode(assignee, forKey: .user)
        case .setState(let state): try container.encode(state.rawValue, forKey: .state)
        case .moveToDM: break
        }
    }

    /// Checks a macro's list: tags are non-blank single-line text of at most 50 characters, each
    /// once; at most one assignment, one state and one move to DM, since two would contradict.
    /// Returns the list with tags trimmed.
    public static func validated(_ actions: [MacroAction]) throws(TemplateError) -> [MacroAction] {
        guard actions.count <= 20 else { throw .invalidAction("A macro holds at most 20 actions; this one has \(actions.count).") }
        var result: [MacroAction] = []
        var tags: Set<String> = []
        var singles: Set<Kind> = []
        for action in actions {
            switch action {
            case .tag(let raw):
                guard let tag = TagRule.normalize(raw) else { throw .invalidAction(TagRule.message) }
                guard tags.insert(tag).inserted else { throw .invalidAction("The tag \"\(tag)\" is listed twice.") }
                result.append(.tag(tag))
            case .assign, .setState, .moveToDM:
                guard singles.insert(action.kind).inserted else {
                    throw .invalidAction("A macro may hold one \(action.kind.rawValue) action; this one has several.")
                }
                result.append(action)
            }
        }
        return result
    }
}
