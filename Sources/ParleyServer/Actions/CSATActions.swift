import Foundation
import ParleyCore
import ParleyStore

/// Satisfaction surveys: one is queued as a job when a case is resolved; the job, after the
/// delay, sends the link (by DM, e-mail, or a public reply where the handle allows automatic
/// public replies) and records the survey in one transaction, so a job that runs twice sends
/// once; the customer answers on the survey's public page.
struct CSATActions: Sendable {
    let context: ActionContext

    struct Payload: Codable {
        var conversationID: UUID

        enum CodingKeys: String, CodingKey { case conversationID = "conversation_id" }
    }

    /// Inside the resolving change: the survey job, due after the configured delay.
    func schedule(_ id: UUID, in tx: ActionContext) async throws {
        guard let delay = tx.services.config.desk.csatDelay else { return }
        try await JobQueries(database: tx.database).enqueue(Job(
            id: tx.effects.newID(), kind: .csatSurvey, payload: String(decoding: try JSONEncoder().encode(Payload(conversationID: id)), as: UTF8.self),
            dueAt: tx.now.addingTimeInterval(delay), idempotencyKey: "csat:\(id.uuidString.lowercased()):\(Int(tx.now.timeIntervalSince1970))",
            createdAt: tx.now))
    }

    /// The survey job: sends the survey if the case still qualifies; returns what it decided.
    @discardableResult
    func send(_ job: Job) async throws -> CSATRules.Decision {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        return try await send(payload.conversationID)
    }

    @discardableResult
    func send(_ id: UUID) async throws -> CSATRules.Decision {
        try await context.commit { tx in
            guard let detail = try await tx.conversations.detail(id) else { return Change(.skip("no such case")) }
            let surveys = CSATQueries(database: tx.database)
            let conversation = detail.conversation
            let facts = CSATRules.Facts(
                state: conversation.state, resolvedAt: conversation.resolvedAt,
                tags: Set(try await TagQueries(database: tx.database).tags(of: id)), hasDM: conversation.hasDM, hasEmail: conversation.hasEmail,
                publicAllowed: try await AutoReplyQueries(database: tx.database).enabled().contains(detail.handle.id),
                alreadySurveyed: try await surveys.forConversation(id) != nil,
                customerSurveyedAt: try await surveys.lastSent(toCustomer: conversation.customerID))
            let delay = tx.services.config.desk.csatDelay ?? 0
            let decision = CSATRules.decide(facts, delay: delay, now: tx.now)
            guard case .send(let channel) = decision else { return Change(decision) }
            let token = Self.token()
            let url = "\(tx.services.config.publicURL)/csat/\(token)"
            let reply = try await ReplyAction(context: tx).apply(
                .init(conversationID: id, text: CSATRules.message(brand: detail.handle.name, url: url, channel: channel), channel: channel),
                automation: "satisfaction survey", in: tx)
            try await surveys.insert(CSATSurvey(
                id: tx.effects.newID(), conversationID: id, customerID: conversation.customerID, handleID: detail.handle.id, token: token,
                channel: channel, sentAt: tx.now, closesAt: tx.now.addingTimeInterval(CSATRules.openFor)), outboxID: reply.value.id)
            var change = Change(decision)
            change.absorb(reply)
            return change
        }
    }

    /// A customer's answer on the survey page: kept (replacing an earlier one) while the survey is open.
    func answer(token: String, _ answer: CSATAnswer) async throws -> CSATSurvey {
        try await context.commit { tx in
            let surveys = CSATQueries(database: tx.database)
            guard var survey = try await surveys.byToken(token) else { throw CSATError.notFound }
            guard survey.isOpen(at: tx.now) else { throw CSATError.closed }
            let changed = survey.rating != nil
            try await surveys.answer(survey.id, answer, at: tx.now)
            survey.rating = answer.rating
            survey.comment = answer.comment
            survey.answeredAt = tx.now
            try await tx.audit(survey.conversationID, by: nil, .csatAnswered, "\(changed ? "changed to" : "rated") \(answer.rating) of 5")
            return Change(survey, notices: [ChangeNotice(conversationIDs: [survey.conversationID], reason: "csat")])
        }
    }

    /// 128 random bits, URL-safe.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
