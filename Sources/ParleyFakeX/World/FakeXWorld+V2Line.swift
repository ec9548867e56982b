import Foundation

extension FakeXWorld {
    /// Adds a line as Parley's `XPostEncoder` writes it: a post line
    /// `{"data":{post},"includes":{"users":[...]}}` (the post is pushed to streams) or a DM events
    /// page `{"data":[MessageCreate event],"includes":{"users":[...]}}`. Users come first, so an
    /// author is known when the post is pushed.
    public func addV2Line(_ line: Data) throws {
        let json: FakeXJSON
        do {
            json = try FakeXJSON.parse(line)
        } catch {
            throw FakeXError.invalidV2Line("not JSON")
        }
        guard let data = json["data"] else { throw FakeXError.invalidV2Line("no \"data\"") }
        for userJSON in json["includes"]?["users"]?.array ?? [] {
            guard let user = FakeXUser(v2: userJSON) else {
                throw FakeXError.invalidV2Line("an included user lacks id or username")
            }
            addUser(user)
        }
        if let events = data.array {
            for event in events { try addDMEvent(v2: event) }
        } else {
            guard data["author_id"] != nil,
                let post = FakeXPost(v2: data, fallbackAuthorID: nil, fallbackDate: now)
            else { throw FakeXError.invalidV2Line("the post lacks id, text or author_id") }
            addPost(post)
        }
    }

    private func addDMEvent(v2 event: FakeXJSON) throws {
        guard event["event_type"]?.string == "MessageCreate" else {
            throw FakeXError.invalidV2Line("only MessageCreate DM events are supported")
        }
        guard let id = event["id"]?.string, let sender = event["sender_id"]?.string,
            let text = event["text"]?.string
        else { throw FakeXError.invalidV2Line("the DM event lacks id, sender_id or text") }
        let participants = (event["dm_conversation_id"]?.string ?? "").split(separator: "-").map(String.init)
        guard participants.count == 2, participants.contains(sender) else {
            throw FakeXError.invalidV2Line("dm_conversation_id is not a one-to-one \"<id>-<id>\" with the sender")
        }
        let recipient = participants[0] == sender ? participants[1] : participants[0]
        addRecordedDM(
            FakeXDMEvent(
                id: id, senderID: sender, recipientID: recipient, text: text,
                createdAt: event["created_at"]?.string.flatMap(XTime.parse) ?? Snowflake.date(of: id) ?? now))
    }
}
