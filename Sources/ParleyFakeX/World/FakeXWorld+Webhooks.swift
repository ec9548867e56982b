import Foundation

struct Webhook: Sendable {
    var id: String
    var url: String
    var createdAt: Date
    var subscribedUserIDs: [String] = []

    var json: FakeXJSON {
        .object([
            "id": .string(id), "url": .string(url), "valid": .bool(true),
            "created_at": .string(XTime.format(createdAt)),
        ])
    }
}

extension FakeXWorld {
    func addWebhook(url: String) -> Webhook {
        let hook = Webhook(id: nextPostID(), url: url, createdAt: now)
        webhooks.append(hook)
        return hook
    }

    func webhookList() -> [Webhook] {
        webhooks
    }

    func deleteWebhook(id: String) -> Bool {
        let before = webhooks.count
        webhooks.removeAll { $0.id == id }
        return webhooks.count < before
    }

    func webhook(id: String) -> Webhook? {
        webhooks.first { $0.id == id }
    }

    func subscribe(userID: String, webhookID: String) -> Bool {
        guard let i = webhooks.firstIndex(where: { $0.id == webhookID }) else { return false }
        if !webhooks[i].subscribedUserIDs.contains(userID) { webhooks[i].subscribedUserIDs.append(userID) }
        return true
    }
}
