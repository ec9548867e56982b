import Foundation

struct StreamConnection: Sendable {
    var selection: FieldSelection
    var continuation: AsyncStream<StreamEvent>.Continuation
    var stalled = false
}

extension FakeXWorld {
    /// Currently open filtered-stream connections.
    public func streamConnections() -> Int {
        streams.count
    }

    /// X allows one connection per app. A connection stalled by `streamStall` counts as dead
    /// (the fake cannot see its client leave, as it writes nothing), so a new one replaces it.
    func openStream(selection: FieldSelection, continuation: AsyncStream<StreamEvent>.Continuation)
        throws(XError) -> UUID
    {
        if !streams.isEmpty, streams.values.allSatisfy(\.stalled) {
            for (id, stream) in streams {
                stream.continuation.finish()
                streams[id] = nil
            }
        }
        guard streams.isEmpty else { throw XError.tooManyConnections }
        let id = UUID()
        streams[id] = StreamConnection(selection: selection, continuation: continuation)
        return id
    }

    func markStalled(_ id: UUID) {
        streams[id]?.stalled = true
    }

    func closeStream(_ id: UUID) {
        streams.removeValue(forKey: id)?.continuation.finish()
    }

    func closeAllStreams() {
        for id in streams.keys { closeStream(id) }
    }

    func pushToStreams(_ post: FakeXPost) {
        guard !streams.isEmpty else { return }
        let subject = SearchSubject(post: post, users: users)
        let matching = rules.filter { $0.query.matches(subject) }
        guard !matching.isEmpty else { return }
        for stream in streams.values {
            stream.continuation.yield(.line(renderer(stream.selection).streamLine(post, rules: matching)))
        }
    }

    func streamRules() -> [StreamRule] {
        rules
    }

    /// Adds rules unless `dryRun`; a value already present is not created again (X's
    /// DuplicateRule). Returns the rules as created (or as they would be) and the duplicates.
    func addRules(_ new: [(value: String, tag: String?, query: SearchQuery)], dryRun: Bool)
        -> (created: [StreamRule], duplicates: [StreamRule])
    {
        var created: [StreamRule] = []
        var duplicates: [StreamRule] = []
        for rule in new {
            if let existing = (rules + created).first(where: { $0.value == rule.value }) {
                duplicates.append(existing)
                continue
            }
            created.append(StreamRule(id: nextPostID(), value: rule.value, tag: rule.tag, query: rule.query))
        }
        if !dryRun { rules += created }
        return (created, duplicates)
    }

    /// Deletes rules by id; returns how many existed.
    func deleteRules(ids: [String], dryRun: Bool) -> (deleted: Int, notDeleted: [String]) {
        let known = Set(rules.map(\.id))
        let missing = ids.filter { !known.contains($0) }
        if !dryRun { rules.removeAll { ids.contains($0.id) } }
        return (ids.count - missing.count, missing)
    }
}
