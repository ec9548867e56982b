import Foundation

/// A filtered-stream rule: its X-assigned id, the caller's value and optional tag, and the parsed query.
struct StreamRule: Sendable {
    var id: String
    var value: String
    var tag: String?
    var query: SearchQuery

    var json: FakeXJSON {
        var o: [String: FakeXJSON] = ["id": .string(id), "value": .string(value)]
        if let tag { o["tag"] = .string(tag) }
        return .object(o)
    }
}

/// What the world pushes to an open filtered-stream connection.
enum StreamEvent: Sendable {
    case line(Data)
    case keepAlive
}
