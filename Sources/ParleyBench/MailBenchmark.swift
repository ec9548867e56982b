import FluentKit
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// The e-mail half of `parley bench help`: N synthetic messages in threads of one to four (a new
/// request to a support address, then the customer's follow-ups with `In-Reply-To`, `References`
/// and quoted text;
/// a third multipart with an HTML part, one in ten with a small PDF), made of the corpus' texts.
/// Timed three ways: the parser alone (`EmailParser.parse` and the reply trimmer); parsing and
/// threading (the planner, with triage, in memory); and the whole way in as `/webhooks/email`
/// takes them: journaled one by one, then parsed, threaded, clustered for listening and written
/// by the ingest processor on SQLite.
public enum MailBenchmark {
    public struct Result: Sendable {
        public var messages: Int
        public var bytes: Int
        public var parseSeconds: Double
        /// Parsing and threading alone: `EmailParser`, then `IngestPlanner` over all of them
        /// (with triage), its thread index kept in memory as the store would load it.
        public var planSeconds: Double
        /// Journaling them one by one, as the webhook does (a durable write each).
        public var journalSeconds: Double
        /// The ingest processor reading them from the journal: parse, thread, write.
        public var threadSeconds: Double
        public var cases: Int
        public var threadedReplies: Int
    }

    public static func messages(_ count: Int, corpus: [String]) -> [Data] {
        var generator = SplitMix64(seed: 2_000)
        func text() -> String { corpus[Int(generator.next() % UInt64(corpus.count))] }
        var out: [Data] = []
        var thread = 0
        while out.count < count {
            let length = 1 + Int(generator.next() % 4)
            let customer = "customer\(thread % 5_000)@example.com"
            var ids: [String] = []
            var previous = ""
            for step in 0..<min(length, count - out.count) {
                let id = "t\(thread)-\(step)@mail.example.com"
                var headers = [
                    "From: Customer \(thread) <\(customer)>", "To: help@acme.example",
                    "Subject: \(step == 0 ? "" : "Re: ")\(String(text().prefix(60)))",
                    "Message-ID: <\(id)>", "Date: Fri, 04 Dec 2026 10:\(String(format: "%02d", step)):00 +0000", "MIME-Version: 1.0",
                ]
                if let last = ids.last { headers += ["In-Reply-To: <\(last)>", "References: " + ids.map { "<\($0)>" }.joined(separator: " ")] }
                var body = text() + "\r\n\r\n" + text()
                if !previous.isEmpty { body += "\r\n\r\nOn Fri, 4 Dec 2026 at 10:00, Customer wrote:\r\n" + previous.split(separator: "\n").map { "> " + $0 }.joined(separator: "\r\n") }
                body += "\r\n\r\n-- \r\nCustomer \(thread)\r\nSent from my phone"
                let raw: String
                if out.count % 3 == 0 || out.count % 10 == 0 {
                    let boundary = "b\(out.count)"
                    var parts = [
                        "--\(boundary)\r\nContent-Type: multipart/alternative; boundary=\"a\(boundary)\"\r\n\r\n--a\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n--a\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>\(body.replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "=", with: "=3D"))</p></body></html>\r\n--a\(boundary)--",
                    ]
                    if out.count % 10 == 0 {
                        let pdf = Data(("%PDF-1.4\n" + String(repeating: text() + "\n", count: 20)).utf8).base64EncodedString(options: .lineLength76Characters)
                        parts.append("--\(boundary)\r\nContent-Type: application/pdf; name=\"receipt.pdf\"\r\nContent-Disposition: attachment; filename=\"receipt.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(pdf.replacingOccurrences(of: "\n", with: "\r\n"))")
                    }
                    raw = (headers + ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", parts.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"]).joined(separator: "\r\n")
                } else {
                    raw = (headers + ["Content-Type: text/plain; charset=utf-8", "", body]).joined(separator: "\r\n")
                }
                out.append(Data(raw.utf8))
                ids.append(id)
                previous = body
            }
            thread += 1
        }
        return out
    }

    public static func run(messages count: Int, corpus: [String], directory: URL) async throws -> Result {
        let mails = messages(count, corpus: corpus)
        let clock = ContinuousClock()
        let parseStart = clock.now
        var parsed = 0
        for raw in mails {
            if let email = try? EmailParser.parse(raw) {
                parsed += EmailReplyTrimmer.visible(email.text).isEmpty ? 0 : 1
            }
        }
        let parseSeconds = (clock.now - parseStart).seconds
        guard parsed == mails.count else { throw StoreError.invalid("\(mails.count - parsed) of the benchmark's messages did not parse.") }
        let handle = Handle(
            id: StableID.make("handle", "1"), xUserID: "1", username: "AcmeCare", name: "Acme Care", role: .care, terms: [],
            supportEmails: ["help@acme.example"])

        let path = directory.appendingPathComponent("parley-bench-mail.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: path))) { app in
            let planStart = clock.now
            let received = Date()
            let events = try mails.enumerated().map { index, raw in
                InboundEvent(mails: [InboundMail(try EmailParser.parse(raw), fallbackID: "\(index)", receivedAt: received)])
            }
            let model = URL(fileURLWithPath: ParleyConfig(database: .sqlite(path: path)).triageModelPath)
            let triager = (try? Data(contentsOf: model)).flatMap { try? Triager(models: TriageModels(linearModelData: $0)) }
            let plan = IngestPlanner(brand: BrandDirectory(handles: [handle]), triager: triager).plan(events, index: ThreadIndex())
            let planSeconds = (clock.now - planStart).seconds
            guard plan.messages.count == mails.count else { throw StoreError.invalid("The planner placed \(plan.messages.count) of \(mails.count) messages.") }
            try await HandleQueries(database: app.db).upsert(handle)
            let ingestor = ParleyApp.ingestor(for: app)
            let processor = ParleyApp.processor(for: app)
            let start = clock.now
            // As the webhook takes them: each message journaled on its own, then the processor's batches.
            for raw in mails {
                _ = try await ingestor.receive([ingestor.rawEvent(raw, source: .email)])
            }
            let journaled = clock.now
            _ = try await processor.drain()
            let threadSeconds = (clock.now - journaled).seconds
            let counts = try await ConversationQueries(database: app.db).messageCountsByKind()
            let cases = try await ConversationQueries(database: app.db).countsByState().values.reduce(0, +)
            return Result(
                messages: mails.count, bytes: mails.reduce(0) { $0 + $1.count }, parseSeconds: parseSeconds, planSeconds: planSeconds,
                journalSeconds: (journaled - start).seconds, threadSeconds: threadSeconds,
                cases: cases, threadedReplies: (counts["email"] ?? 0) - cases)
        }
    }
}
