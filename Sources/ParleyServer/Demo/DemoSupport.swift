import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The demo's e-mail cases: requests sent through the support forms (one after walking Spotify's
/// flow to "contact us", one with a screenshot), and a customer's follow-up e-mail threaded into
/// their case, all through the same actions and journal as the real thing.
enum DemoSupport {
    /// A 1×1 PNG: a screenshot stand-in the form accepts by its bytes.
    static let screenshot = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!

    static func seed(_ app: Application, brands: [String: Brand]) async throws {
        let handles = try await HandleQueries(database: app.db).all()
        func inbox(_ slug: String) -> Handle? {
            guard let brand = brands[slug] else { return nil }
            let own = handles.filter { brand.handleIDs.contains($0.id) }
            return own.first { $0.role == .care } ?? own.first
        }
        let effects = app.parleyServices.effects
        var requests: [SupportRequest] = []
        if let spotify = inbox("spotify"), let flow = try await FlowQueries(database: app.db).find(brandID: brands["spotify"]!.id, slug: "music-won-t-play") {
            // Offline music, on Premium, downloaded again, still silent: "contact us".
            var walk = try await app.actions.flows.start(flow.id)
            for answer in [1, 0, 0, 1] {
                walk = try await app.actions.flows.answer(flowID: flow.id, walkID: walk.id, choices: walk.choices, answer: answer)
            }
            let position = flow.walk(walk.choices)
            requests.append(SupportRequest(
                id: effects.newID(), brandSlug: "spotify", handleXUserID: spotify.xUserID, name: "Maya Lindqvist", email: "maya.lindqvist@example.com",
                category: "Something else",
                description: "My downloaded playlists show as downloaded but won't play on the plane (airplane mode). I'm on Premium Family and re-downloaded everything last night.",
                flow: position.map { .init(title: flow.title, transcript: $0.transcript) }, attachments: [], submittedAt: effects.now()))
        }
        if let delta = inbox("delta") {
            requests.append(SupportRequest(
                id: effects.newID(), brandSlug: "delta", handleXUserID: delta.xUserID, name: "Jordan Okafor", email: "jordan.okafor@example.com",
                category: "Something else",
                description: "I need to move my return flight from the 18th to the 20th. My Trips shows an error when I choose Modify.",
                flow: nil, attachments: [.init(filename: "my-trips-error.png", contentType: AttachmentKind.png.contentType, data: screenshot)],
                submittedAt: effects.now()))
        }
        for request in requests {
            _ = try await app.actions.supportForm.submit(request, clientKey: "demo:\(request.email)")
        }
        // Jordan writes again, answering the acknowledgement: the mail threads into the case.
        if let first = requests.last {
            let reply = """
                From: Jordan Okafor <\(first.email)>\r
                To: support@delta.example\r
                Subject: Re: [Case #REF] We got your message\r
                Message-ID: <demo-followup-\(first.id.uuidString.lowercased())@example.com>\r
                In-Reply-To: <ack-\(first.id.uuidString.lowercased())@parley.invalid>\r
                References: <\(first.messageID)>\r
                Date: \(MailMessage.rfc5322(effects.now()))\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Booking code is in My Trips under my SkyMiles account, happy to DM it. The 20th in the evening works best.\r
                \r
                On Fri, Delta support wrote:\r
                > Thanks for writing to Delta.\r

                """
            let ingestor = ParleyApp.ingestor(for: app)
            _ = try await ingestor.receive([ingestor.rawEvent(Data(reply.utf8), source: .email)])
            try await ParleyApp.processor(for: app).drain()
        }
    }
}
