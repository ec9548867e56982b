import Vapor

/// Writes one filtered-stream connection: each post line and keep-alive `\r\n` as the world
/// yields them, playing out a stream fault if one was injected.
struct StreamSession: Sendable {
    let world: FakeXWorld
    let connection: UUID
    let fault: FakeXFault?

    struct CutMidLine: Error {}

    /// Runs until the world ends the connection, the client goes away, or a fault ends it;
    /// returns how the response must end (`.end` for a clean close, `.error` to drop the socket).
    func run(_ events: AsyncStream<StreamEvent>, writer: any AsyncBodyStreamWriter) async -> BodyStreamResult {
        var lines = 0
        var stalled = false
        do {
            // An empty chunk flushes the response head at once, as X answers before any post.
            try await writer.write(.buffer(ByteBuffer()))
            if case .streamDisconnect(0) = fault { return .end }
            if case .streamStall(0) = fault {
                stalled = true
                await world.markStalled(connection)
            }
            // Once stalled, events are drained unwritten and the connection is held open.
            for await event in events where !stalled {
                switch event {
                case .keepAlive:
                    try await writer.write(.buffer(ByteBuffer(string: "\r\n")))
                case .line(let data):
                    if case .streamCutMidLine(let after) = fault, lines == after {
                        try await writer.write(.buffer(ByteBuffer(data: data.prefix(data.count / 2))))
                        return .error(CutMidLine())
                    }
                    var line = ByteBuffer(data: data)
                    line.writeString("\r\n")
                    try await writer.write(.buffer(line))
                    lines += 1
                    if case .streamDisconnect(let after) = fault, lines == after { return .end }
                    if case .streamStall(let after) = fault, lines == after {
                        stalled = true
                        await world.markStalled(connection)
                    }
                }
            }
            // A stalled connection lands here only when the world ends it.
            return .end
        } catch {
            return .error(error)
        }
    }
}
