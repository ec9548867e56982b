import Foundation

/// Dedupe, thread and classify a batch of events against what the store already knows.
///
/// Pure: the store hands in a `ThreadIndex` for the batch's keys; the planner returns the writes.
/// Events are applied in journal order and the index is kept current as it goes, so a batch plans
/// the same as the same events one at a time, and a rebuild from the journal reproduces the store.
public struct IngestPlanner: Sendable {
    public let brand: BrandDirectory
    public let options: PipelineOptions
    /// Triage for customers' messages; without it messages and cases carry no triage.
    public let triager: Triager?

    public init(brand: BrandDirectory, options: PipelineOptions = PipelineOptions(), triager: Triager? = nil) {
        self.brand = brand
        self.options = options
        self.triager = triager
    }

    /// Triage of a customer's message, with the author's reach and the handle it is addressed to.
    private func triage(_ text: String, author: String, handleID: UUID?, in work: Work) -> MessageTriage? {
        guard let triager else { return nil }
        let customer = work.index.customers[author]
        let handle = handleID.flatMap { id in brand.handles.first { $0.id == id } }
        return MessageTriage(triager.triage(TriageInput(
            text: text, authorFollowers: customer?.followersCount, authorVerified: customer?.verified ?? false,
            brandSupportEmails: handle?.supportEmails ?? [], brandUserID: handle?.xUserID,
            handoffTemplate: handle?.handoffTemplate)))
    }

    public func plan(_ events: [InboundEvent], index: ThreadIndex) -> IngestPlan {
        var work = Work(index: index, plan: IngestPlan())
        for event in events {
            for user in event.users { work.upsertCustomer(user, brand: brand) }
            for post in event.posts { apply(post, to: &work) }
            for dm in event.dms { apply(dm, to: &work) }
            for mail in event.mails { apply(mail, to: &work) }
            for action in event.deskActions { apply(action, to: &work) }
        }
        return work.plan
    }

    // MARK: posts

    private func apply(_ post: InboundPost, to work: inout Work) {
        if dedupe(post, in: &work) { return }
        let ownHandle = brand.handle(xUserID: post.authorID)
        let kind = ownHandle != nil ? MessageKind.ownPost : classify(post)
        let messageID = StableID.make("message", post.originalID)
        var keys = [ThreadKeyRow]()
        for version in post.editHistory {
            keys.append(ThreadKeyRow(key: ThreadKeys.post(version), role: .self, messageID: messageID, conversationID: nil))
        }
        if let parent = post.inReplyToPostID {
            keys.append(ThreadKeyRow(key: ThreadKeys.post(parent), role: .parent, messageID: messageID, conversationID: nil))
        }
        if let root = post.conversationID, root != post.originalID, root != post.inReplyToPostID {
            keys.append(ThreadKeyRow(key: ThreadKeys.post(root), role: .root, messageID: messageID, conversationID: nil))
        }

        var conversationID: UUID?
        var handleID = ownHandle?.id
        if let ownHandle {
            conversationID = ownPostConversation(post, handle: ownHandle, in: work)
        } else {
            let customerID = work.ensureCustomer(xUserID: post.authorID)
            conversationID = customerConversation(post, customerID: customerID, in: work)
            if let found = conversationID, let previous = work.index.conversations[found], isPastReopenWindow(previous, at: post.createdAt) {
                conversationID = work.openConversation(
                    id: StableID.make("conversation", previous.handleID.uuidString, post.originalID),
                    handleID: previous.handleID, customerID: customerID, at: post.createdAt, previous: previous.id)
            }
            if conversationID == nil, kind != .retweet || options.retweetsOpenConversations,
                let handle = relevantHandle(for: post)
            {
                conversationID = work.openConversation(
                    id: StableID.make("conversation", handle.id.uuidString, post.originalID),
                    handleID: handle.id, customerID: customerID, at: post.createdAt)
            }
            if conversationID == nil && post.inReplyToPostID == nil && relevantHandle(for: post) == nil {
                // Neither about the brand nor part of a thread we know: the journal keeps it, the desk does not.
                work.plan.tally.unrelated += 1
                return
            }
        }
        if let conversationID { handleID = work.index.conversations[conversationID]?.handleID ?? handleID }

        let message = Message(
            id: messageID, xID: post.originalID, xVersionID: post.id, kind: kind,
            conversationID: conversationID, handleID: handleID, authorXUserID: post.authorID,
            text: post.text, createdAt: post.createdAt, inReplyToXID: post.inReplyToPostID, lang: post.lang,
            triage: ownHandle == nil ? triage(post.text, author: post.authorID, handleID: handleID, in: work) : nil)
        work.insert(message, keys: keys, versionRank: post.editHistory.count)
        if let conversationID { work.adoptOrphans(reachableBy: keys, into: conversationID) }
    }

    /// True when the post is already known; an edit newer than the stored version replaces its text.
    private func dedupe(_ post: InboundPost, in work: inout Work) -> Bool {
        for version in post.editHistory {
            guard let row = work.index.keyRows[ThreadKeys.post(version)]?.first(where: { $0.role == .self }),
                var existing = work.index.messages[row.messageID]
            else { continue }
            let storedRank = work.index.versionRanks[existing.id] ?? 1
            if post.editHistory.count > storedRank {
                existing.text = post.text
                existing.xVersionID = post.id
                if !existing.kind.isOwn {
                    existing.triage = triage(post.text, author: post.authorID, handleID: existing.handleID, in: work)
                }
                work.index.messages[existing.id] = existing
                work.index.versionRanks[existing.id] = post.editHistory.count
                work.plan.versionRanks[existing.id] = post.editHistory.count
                work.plan.messages[existing.id] = existing
                let key = ThreadKeys.post(post.id)
                if !(work.index.keyRows[key] ?? []).contains(where: { $0.role == .self }) {
                    let row = ThreadKeyRow(key: key, role: .self, messageID: existing.id, conversationID: existing.conversationID)
                    work.index.register(row)
                    work.plan.newKeys.append(row)
                }
                work.plan.tally.edits += 1
            } else {
                work.plan.tally.duplicates += 1
            }
            return true
        }
        return false
    }

    private func classify(_ post: InboundPost) -> MessageKind {
        if post.retweetedPostID != nil { return .retweet }
        if post.quotedPostID != nil { return .quote }
        if post.inReplyToPostID != nil { return .reply }
        if post.mentionedUsernames.contains(where: { brand.handle(username: $0) != nil }) { return .mention }
        return .keywordMatch
    }

    /// Which handle a customer's post is addressed to, if any: replied to, mentioned, quoted,
    /// retweeted, or named by a brand term.
    private func relevantHandle(for post: InboundPost) -> Handle? {
        if let id = post.inReplyToUserID, let handle = brand.handle(xUserID: id) { return handle }
        for username in post.mentionedUsernames {
            if let handle = brand.handle(username: username), handle.role == .care { return handle }
        }
        for username in post.mentionedUsernames {
            if let handle = brand.handle(username: username) { return handle }
        }
        if let id = post.quotedAuthorID, let handle = brand.handle(xUserID: id) { return handle }
        if let id = post.retweetedAuthorID, let handle = brand.handle(xUserID: id) { return handle }
        if let handle = brand.handle(matchingTags: post.matchingTags) { return handle }
        return brand.handle(sayingTermsIn: post.text)
    }

    /// A customer's post joins the case that holds the post it replies to (whoever's case it is:
    /// a reply in a thread is part of that thread), or else a case of theirs that shares its root
    /// or that holds replies to it. Sharing only a root with another customer's case is not
    /// enough: everyone answering one brand announcement is not one case.
    private func customerConversation(_ post: InboundPost, customerID: UUID, in work: Work) -> UUID? {
        if let parent = post.inReplyToPostID,
            let row = work.index.keyRows[ThreadKeys.post(parent)]?.first(where: { $0.role == .self }),
            let id = work.index.messages[row.messageID]?.conversationID
        {
            return id
        }
        var lookups: [String] = []
        if let parent = post.inReplyToPostID { lookups.append(ThreadKeys.post(parent)) }
        if let root = post.conversationID { lookups.append(ThreadKeys.post(root)) }
        lookups += post.editHistory.map(ThreadKeys.post)
        for key in lookups {
            for row in work.index.keyRows[key] ?? [] {
                guard let id = row.conversationID, let conversation = work.index.conversations[id] else { continue }
                if conversation.customerID == customerID { return id }
            }
        }
        return nil
    }

    /// The brand's post joins the conversation of the post it answers; it never opens one.
    private func ownPostConversation(_ post: InboundPost, handle: Handle, in work: Work) -> UUID? {
        if let parent = post.inReplyToPostID,
            let row = work.index.keyRows[ThreadKeys.post(parent)]?.first(where: { $0.role == .self }),
            let id = work.index.messages[row.messageID]?.conversationID
        {
            return id
        }
        let customerID = post.inReplyToUserID.map { StableID.make("customer", $0) }
        var keys = post.editHistory.map(ThreadKeys.post)
        if let root = post.conversationID { keys.append(ThreadKeys.post(root)) }
        for key in keys {
            for row in work.index.keyRows[key] ?? [] {
                guard let id = row.conversationID, let conversation = work.index.conversations[id] else { continue }
                if customerID == nil || conversation.customerID == customerID { return id }
            }
        }
        return nil
    }

    // MARK: direct messages

    private func apply(_ dm: InboundDM, to work: inout Work) {
        let selfKey = ThreadKeys.dm(dm.id)
        if work.index.keyRows[selfKey]?.contains(where: { $0.role == .self }) == true {
            work.plan.tally.duplicates += 1
            return
        }
        let handle: Handle
        let customerXID: String
        let fromCustomer: Bool
        if let sender = brand.handle(xUserID: dm.senderID), let other = dm.otherParticipant(than: dm.senderID) {
            handle = sender
            customerXID = other
            fromCustomer = false
        } else if let recipientID = dm.otherParticipant(than: dm.senderID), let recipient = brand.handle(xUserID: recipientID) {
            handle = recipient
            customerXID = dm.senderID
            fromCustomer = true
        } else {
            work.plan.tally.unrelated += 1
            return
        }
        let customerID = work.ensureCustomer(xUserID: customerXID)
        let threadKey = ThreadKeys.dmThread(handleXUserID: handle.xUserID, customerXUserID: customerXID)
        let messageID = StableID.make("dm", dm.id)

        // The DM thread's case, else the customer's open case with this handle (a public thread
        // moving to DM), else — when the customer wrote — a new DM case. The brand's DM opens none.
        var conversationID = (work.index.keyRows[threadKey] ?? []).lazy.compactMap(\.conversationID).last
            ?? work.latestOpenConversation(handleID: handle.id, customerID: customerID)
        var previousID: UUID?
        if let found = conversationID, let previous = work.index.conversations[found], fromCustomer,
            isPastReopenWindow(previous, at: dm.createdAt)
        {
            // The DM thread's old case was resolved long ago: a customer's open case, else a new one.
            conversationID = work.latestOpenConversation(handleID: handle.id, customerID: customerID)
            previousID = previous.id
        }
        if conversationID == nil, fromCustomer {
            conversationID = work.openConversation(
                id: StableID.make("conversation", handle.id.uuidString, "dm", dm.id),
                handleID: handle.id, customerID: customerID, at: dm.createdAt, previous: previousID)
        }
        let keys = [
            ThreadKeyRow(key: selfKey, role: .self, messageID: messageID, conversationID: nil),
            ThreadKeyRow(key: threadKey, role: .dmThread, messageID: messageID, conversationID: nil),
        ]
        let message = Message(
            id: messageID, xID: dm.id, xVersionID: dm.id, kind: fromCustomer ? .dm : .ownDM,
            conversationID: conversationID, handleID: handle.id, authorXUserID: dm.senderID,
            text: dm.text, createdAt: dm.createdAt, inReplyToXID: nil, lang: nil,
            triage: fromCustomer ? triage(dm.text, author: dm.senderID, handleID: handle.id, in: work) : nil)
        work.insert(message, keys: keys, versionRank: 1)
        if let conversationID { work.adoptOrphans(reachableBy: keys, into: conversationID) }
    }

    // MARK: e-mail

    /// A customer's e-mail joins the case holding a message it answers, else the case its
    /// subject's reference names (theirs only: a reference is short enough to guess), else opens
    /// a case with the handle it was sent to. Automated mail (auto-replies, bounces, lists) is
    /// kept by the journal but never reaches a case, so no reply loop can start.
    private func apply(_ mail: InboundMail, to work: inout Work) {
        let selfKey = ThreadKeys.mail(mail.messageID)
        if work.index.keyRows[selfKey]?.contains(where: { $0.role == .self }) == true {
            work.plan.tally.duplicates += 1
            return
        }
        guard let identity = mail.customerIdentity, !(mail.automated && !mail.fromBrand) else {
            work.plan.tally.unrelated += 1
            return
        }
        let customerID = work.ensureMailCustomer(identity: identity, name: mail.fromBrand ? nil : mail.fromName)
        var conversationID: UUID?
        for id in mail.replyTo {
            if let row = work.index.keyRows[ThreadKeys.mail(id)]?.first(where: { $0.role == .self }),
                let found = work.index.messages[row.messageID]?.conversationID {
                conversationID = found
                break
            }
        }
        if conversationID == nil, let reference = CaseReference.find(in: mail.subject) {
            conversationID = (work.index.keyRows[ThreadKeys.caseReference(reference)] ?? []).lazy.compactMap(\.conversationID)
                .last { work.index.conversations[$0]?.customerID == customerID }
        }
        var handle = conversationID.flatMap { work.index.conversations[$0] }.flatMap { conversation in
            brand.handles.first { $0.id == conversation.handleID }
        }
        if handle == nil { handle = mailHandle(mail) }
        if !mail.fromBrand, let found = conversationID, let previous = work.index.conversations[found], isPastReopenWindow(previous, at: mail.createdAt) {
            conversationID = nil
            if let handle {
                conversationID = work.openConversation(
                    id: StableID.make("conversation", handle.id.uuidString, "mail", mail.messageID),
                    handleID: handle.id, customerID: customerID, at: mail.createdAt, previous: previous.id)
            }
        }
        if conversationID == nil, !mail.fromBrand {
            guard let handle else {
                // Sent to no address of the brand's, about no case it has: the journal keeps it.
                work.plan.tally.unrelated += 1
                return
            }
            conversationID = work.openConversation(
                id: StableID.make("conversation", handle.id.uuidString, "mail", mail.messageID),
                handleID: handle.id, customerID: customerID, at: mail.createdAt)
        }
        let messageID = StableID.make("mail", mail.messageID)
        var keys = [ThreadKeyRow(key: selfKey, role: .self, messageID: messageID, conversationID: nil)]
        keys += mail.replyTo.map { ThreadKeyRow(key: ThreadKeys.mail($0), role: .parent, messageID: messageID, conversationID: nil) }
        if let conversationID {
            keys.append(ThreadKeyRow(key: ThreadKeys.caseReference(CaseReference.of(conversationID)), role: .caseReference, messageID: messageID, conversationID: nil))
        }
        let handleID = handle?.id ?? conversationID.flatMap { work.index.conversations[$0]?.handleID }
        let message = Message(
            id: messageID, xID: "mail:" + mail.messageID, xVersionID: "mail:" + mail.messageID, kind: mail.fromBrand ? .ownEmail : .email,
            conversationID: conversationID, handleID: handleID, authorXUserID: mail.fromBrand ? handle?.xUserID ?? mail.fromAddress : identity,
            text: mail.text, createdAt: mail.createdAt, inReplyToXID: mail.replyTo.first.map { "mail:" + $0 }, lang: nil,
            triage: mail.fromBrand ? nil : triage(mail.text, author: identity, handleID: handleID, in: work), subject: mail.subject)
        work.insert(message, keys: keys, versionRank: 1)
    }

    /// The handle a mail names (the form's or the sender's), else the care handle whose support
    /// address it was sent to.
    private func mailHandle(_ mail: InboundMail) -> Handle? {
        if let id = mail.handleXUserID, let handle = brand.handle(xUserID: id) { return handle }
        let addressed = brand.handles.filter { handle in handle.supportEmails.contains { mail.toAddresses.contains($0.lowercased()) } }
        return addressed.first { $0.role == .care } ?? addressed.first
    }

    // MARK: desk actions

    private func apply(_ action: DeskAction, to work: inout Work) {
        guard var conversation = work.index.conversations[action.conversationID] else {
            work.plan.tally.unrelated += 1
            return
        }
        conversation.state = action.kind.targetState
        conversation.snoozedUntil = action.kind == .snooze ? action.until : nil
        if action.kind == .resolve { conversation.resolvedAt = action.at }
        work.plan.tally.deskActions += 1
        work.save(conversation)
    }

    /// A resolved case the customer comes back to after the reopen window is left closed.
    private func isPastReopenWindow(_ conversation: Conversation, at date: Date) -> Bool {
        guard conversation.state == .resolved, let resolvedAt = conversation.resolvedAt else { return false }
        return date.timeIntervalSince(resolvedAt) > options.reopenWindow
    }
}

/// The planner's scratch state: the index as it stands after each event, and the writes so far.
private struct Work {
    var index: ThreadIndex
    var plan: IngestPlan

    mutating func upsertCustomer(_ user: InboundUser, brand: BrandDirectory) {
        guard brand.handle(xUserID: user.id) == nil else { return }
        let customer = Customer(
            id: StableID.make("customer", user.id), xUserID: user.id, username: user.username, name: user.name,
            followersCount: user.followersCount, verified: user.verified,
            profileImageURL: user.profileImageURL, bio: user.bio)
        if index.customers[user.id] != customer {
            index.customers[user.id] = customer
            plan.customers[customer.id] = customer
        }
    }

    /// The customer's id, creating a placeholder profile when no payload described them yet.
    mutating func ensureCustomer(xUserID: String) -> UUID {
        if let known = index.customers[xUserID] { return known.id }
        let customer = Customer(
            id: StableID.make("customer", xUserID), xUserID: xUserID, username: xUserID, name: xUserID,
            followersCount: 0, verified: false)
        index.customers[xUserID] = customer
        plan.customers[customer.id] = customer
        return customer.id
    }

    /// The id of a customer known by e-mail, named by the latest name their mail gave.
    mutating func ensureMailCustomer(identity: String, name: String?) -> UUID {
        let address = CustomerIdentity.address(of: identity) ?? identity
        let customer = Customer(
            id: StableID.make("customer", identity), xUserID: identity, username: address,
            name: name.flatMap { $0.isEmpty ? nil : $0 } ?? index.customers[identity]?.name ?? address, followersCount: 0, verified: false)
        if index.customers[identity] != customer {
            index.customers[identity] = customer
            plan.customers[customer.id] = customer
        }
        return customer.id
    }

    mutating func openConversation(id: UUID, handleID: UUID, customerID: UUID, at: Date, previous: UUID? = nil) -> UUID {
        let conversation = Conversation(
            id: id, handleID: handleID, customerID: customerID, state: .open, hasPublic: false, hasDM: false,
            openedAt: at, lastMessageAt: at, awaitingReplySince: nil, messageCount: 0, previousConversationID: previous)
        plan.tally.newConversations += 1
        save(conversation)
        return id
    }

    func latestOpenConversation(handleID: UUID, customerID: UUID) -> UUID? {
        index.conversations.values
            .filter { $0.handleID == handleID && $0.customerID == customerID && $0.state.isActive }
            .max { ($0.lastMessageAt, $0.id.uuidString) < ($1.lastMessageAt, $1.id.uuidString) }?
            .id
    }

    mutating func save(_ conversation: Conversation) {
        index.conversations[conversation.id] = conversation
        plan.conversations[conversation.id] = conversation
    }

    mutating func insert(_ message: Message, keys: [ThreadKeyRow], versionRank: Int) {
        index.messages[message.id] = message
        index.versionRanks[message.id] = versionRank
        plan.versionRanks[message.id] = versionRank
        plan.messages[message.id] = message
        plan.tally.newMessages += 1
        for var row in keys {
            row.conversationID = message.conversationID
            index.register(row)
            plan.newKeys.append(row)
        }
        if let id = message.conversationID { count(message, into: id) }
    }

    /// Messages that arrived before anything tied them to a case (a brand reply before the
    /// customer's post, a reply before its parent) join it once the message they point at arrives.
    /// Only what points *at* the new message is adopted, then what points at those, and so on;
    /// never the post the new message itself replies to (a brand announcement is nobody's case).
    mutating func adoptOrphans(reachableBy keys: [ThreadKeyRow], into conversationID: UUID) {
        guard let conversation = index.conversations[conversationID] else { return }
        var queue = keys.filter { $0.role == .self || $0.role == .dmThread }.map(\.key)
        var visited = Set(queue)
        while let key = queue.popLast() {
            for row in index.keyRows[key] ?? [] where row.role != .self && row.conversationID == nil {
                guard var orphan = index.messages[row.messageID], orphan.conversationID == nil else { continue }
                let isCustomers = StableID.make("customer", orphan.authorXUserID) == conversation.customerID
                guard orphan.kind.isOwn || isCustomers else { continue }
                orphan.conversationID = conversationID
                orphan.handleID = conversation.handleID
                index.messages[orphan.id] = orphan
                plan.messages[orphan.id] = orphan
                plan.versionRanks[orphan.id] = index.versionRanks[orphan.id] ?? 1
                plan.adopted[orphan.id] = conversationID
                for (k, rows) in index.keyRows where rows.contains(where: { $0.messageID == orphan.id }) {
                    index.keyRows[k] = rows.map { r in
                        var r = r
                        if r.messageID == orphan.id { r.conversationID = conversationID }
                        return r
                    }
                    if rows.contains(where: { $0.messageID == orphan.id && $0.role == .self }), visited.insert(k).inserted {
                        queue.append(k)
                    }
                }
                count(orphan, into: conversationID)
            }
        }
    }

    private mutating func count(_ message: Message, into conversationID: UUID) {
        guard var conversation = index.conversations[conversationID] else { return }
        conversation.messageCount += 1
        conversation.timeline.add(ConversationTimeline.Entry(at: message.createdAt, kind: message.kind, intent: message.triage?.intent))
        switch message.kind.channel {
        case .public: conversation.hasPublic = true
        case .dm: conversation.hasDM = true
        case .email: conversation.hasEmail = true
        }
        if message.createdAt > conversation.lastMessageAt { conversation.lastMessageAt = message.createdAt }
        if message.createdAt < conversation.openedAt { conversation.openedAt = message.createdAt }
        if message.kind.isOwn {
            if let since = conversation.awaitingReplySince, message.createdAt >= since {
                conversation.awaitingReplySince = nil
                conversation.triage = conversation.triage.answered()
            }
        } else {
            conversation.state = conversation.state.afterMessage(fromCustomer: true)
            conversation.snoozedUntil = nil
            if conversation.awaitingReplySince.map({ message.createdAt < $0 }) ?? true {
                conversation.awaitingReplySince = message.createdAt
            }
            if let triage = message.triage { conversation.triage = conversation.triage.adding(triage) }
        }
        save(conversation)
    }
}
