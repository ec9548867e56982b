/// Fills a template's placeholders for one conversation and measures the result with X's rules.
///
/// One pass over the parsed body: a value is inserted as it is and never read again, so a
/// customer whose display name is "{{agent.first_name}}" gets exactly that name, not the agent's.
/// Every placeholder of the body is a known one (the body parsed), so no `{{` of the template
/// can survive into the reply.
public enum TemplateRenderer {
    /// X's documented Direct Message deep link: opens a DM to `recipient_id` (docs.x.com,
    /// "Direct Message button"). The id is numeric, so it needs no escaping.
    public static func dmLink(toXUserID id: String) -> String {
        "https://x.com/messages/compose?recipient_id=\(id)"
    }

    /// The rendered text and how it measures; a text over the limit is returned, not refused,
    /// so a composer can show it with its thread. `requireValid()` on the result refuses it.
    public static func render(
        _ body: TemplateBody, context: TemplateContext, channel: Channel
    ) throws(TemplateRenderError) -> ReplyTextCheck {
        var text = ""
        for segment in body.segments {
            switch segment {
            case .text(let literal): text += literal
            case .placeholder(let placeholder): text += try value(of: placeholder, in: context, channel: channel)
            }
        }
        return ReplyTextCheck(text, channel: channel)
    }

    /// The text, ready for `ReplyDraft`; throws when X would refuse it.
    public static func renderValid(
        _ body: TemplateBody, context: TemplateContext, channel: Channel
    ) throws(TemplateRenderError) -> String {
        try render(body, context: context, channel: channel).requireValid()
    }

    static func value(
        of placeholder: TemplatePlaceholder, in context: TemplateContext, channel: Channel
    ) throws(TemplateRenderError) -> String {
        let handle = "@\(context.handleUsername)"
        func required(_ raw: String?, owner: String) throws(TemplateRenderError) -> String {
            guard let value = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .missingValue(placeholder, owner: owner)
            }
            return value
        }
        switch placeholder {
        case .customerName:
            let name = try required(context.customerName, owner: "this conversation's customer")
            // A display name is the customer's to choose: in a public post from the brand, an
            // "@someone" in it would notify a stranger, and a link in it would be the brand's link.
            if channel == .public, TweetTextExtractor().entities(in: name).contains(where: { $0.kind == .mention || $0.kind == .url }) {
                throw .unusableValue(placeholder, reason: "holds a mention or a link, which the brand must not post; write the name by hand.")
            }
            return name
        case .customerHandle:
            let username = try required(context.customerUsername, owner: "this conversation's customer")
            guard username.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
                throw .unusableValue(placeholder, reason: "is not an X username.")
            }
            return "@\(username)"
        case .agentFirstName:
            let name = try required(context.agentName, owner: "the signed-in agent")
            return String(name.split(whereSeparator: \.isWhitespace).first ?? Substring(name))
        case .handleName:
            return try required(context.handleName, owner: handle)
        case .dmLink:
            let id = try required(context.handleXUserID, owner: handle)
            guard id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw .unusableValue(placeholder, reason: "cannot be made: \(handle)'s X user id is not numeric.")
            }
            return dmLink(toXUserID: id)
        case .helpURL:
            return try required(context.helpURL, owner: handle)
        case .expectedWait:
            return try required(context.expectedWait, owner: handle)
        }
    }
}
