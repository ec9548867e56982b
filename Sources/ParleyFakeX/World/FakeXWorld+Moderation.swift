/// Replies hidden in their author's conversation, and who muted whom.
extension FakeXWorld {
    func setHidden(_ postID: String, _ hidden: Bool) {
        if hidden { hiddenReplies.insert(postID) } else { hiddenReplies.remove(postID) }
    }

    public func isHidden(_ postID: String) -> Bool { hiddenReplies.contains(postID) }

    func setMuted(_ target: String, by user: String, _ muted: Bool) {
        if muted { mutes[user, default: []].insert(target) } else { mutes[user]?.remove(target) }
    }

    public func muted(by user: String) -> Set<String> { mutes[user] ?? [] }
}
