import Foundation
import Testing
@testable import ParleyCore

@Suite struct PersonalDataDetectorTests {
    let detector = PersonalDataDetector(ignoredEmails: ["help@acmecare.com"])

    private func kinds(_ text: String) -> [String] {
        detector.hits(in: text).map { h in
            let u = Array(text.utf16)
            return "\(h.kind.rawValue):\(String(decoding: u[h.start..<h.end], as: UTF16.self))"
        }
    }

    @Test(arguments: [
        ("mail me at jane.doe+x@gmail.com.", ["email:jane.doe+x@gmail.com"]),
        ("write to help@acmecare.com like you said", []),
        ("card 4111 1111 1111 1111 was charged", ["card_number:4111 1111 1111 1111"]),
        ("gift code 4111 1111 1111 1112 fails", []),
        ("IBAN GB82 WEST 1234 5698 7654 32 please", ["iban:GB82 WEST 1234 5698 7654 32"]),
        ("IBAN GB83 WEST 1234 5698 7654 32 please", []),
        ("call +44 7700 900123 or (212) 555 0147", ["phone:+44 7700 900123", "phone:(212) 555 0147"]),
        ("order #W123456789 is late", ["order_number:W123456789"]),
        ("my order number is 88123456", ["order_number:88123456"]),
        ("order 2 more? my order of $45.99 came late", []),
        ("booking ref XKJ4PQ on flight BA 283", ["booking_ref:XKJ4PQ"]),
        ("tracking 1Z999AA10123456784 stuck", ["tracking_number:1Z999AA10123456784"]),
        ("send it to 221B Baker Street, London NW1 6XE", ["address:221B Baker Street, London NW1 6XE"]),
        ("the Main Street store and 3 Street Fighter games", []),
        ("paid $1,299.00 on 12/03/2024 at 10:45 for the XPS 13 9310, iOS 17.4.1", []),
        ("emoji 😡 before acct no. 12345678 and after 🙏", ["account_number:12345678"]),
    ])
    func findsPersonalDataAndLeavesLookalikes(text: String, expected: [String]) {
        #expect(kinds(text) == expected)
    }

    @Test func offsetsAreUTF16() {
        let hits = detector.hits(in: "😡😡 jane@example.com")
        #expect(hits == [PersonalDataHit(kind: .email, start: 5, end: 21, confidence: 0.99)])
    }

    /// Issue 17's held-out misses and false hits, one of each kind (written here, not taken from it).
    @Test func spelledAddressesForeignCuesAndLookAlikes() {
        func kinds(_ text: String) -> [String] {
            PersonalDataDetector().hits(in: text).map { "\($0.kind.rawValue):\(String(text.utf16[text.utf16.index(text.utf16.startIndex, offsetBy: $0.start)..<text.utf16.index(text.utf16.startIndex, offsetBy: $0.end)])!)" }
        }
        #expect(kinds("@shop mail me at sam dot lee at gmail dot com pls") == ["email:sam dot lee at gmail dot com"])
        #expect(kinds("reply to omar(at)outlook(dot)com") == ["email:omar(at)outlook(dot)com"])
        #expect(kinds("I'm at home, meet me at noon") == [])
        #expect(kinds("@zalando Bestellnummer 81534593349 kam nie an") == ["order_number:81534593349"])
        #expect(kinds("@Delta my pnr is xf5u3q") == ["booking_ref:xf5u3q"])
        #expect(kinds("@bt_uk ring 5550122 after 2pm") == ["phone:5550122"])
        #expect(kinds("marked 1Z WKP AGW 16 2601 8615 as delivered") == ["tracking_number:1Z WKP AGW 16 2601 8615"])
        #expect(kinds("deliver to Flat 18, 131 Park Terrace please") == ["address:Flat 18, 131 Park Terrace"])
        #expect(kinds("@AppleSupport Help@apple.com told me to tweet you, my account is sam@icloud.com") == ["email:sam@icloud.com"])
        #expect(kinds("call 0 or 00 or 7 and 0039 338 9462752") == ["phone:0039 338 9462752"])
        #expect(kinds("besteld op 16.08.2024 18:19, app 8.895.7, Windows 10.0.22400.2420, at 2024-05-24 12:39:33") == [])
    }

    @Test func redactionMasksEveryHit() {
        let text = "📦 order #W123456789, email jane@example.com"
        let redacted = PersonalDataRedaction.redact(text, hits: detector.hits(in: text))
        #expect(redacted == "📦 order #[order_number], email [email]")
    }

    @Test func answersForHugeAndOddInput() {
        let huge = String(repeating: "a@b 4111 1111 1111 1111 ", count: 40_000)
        #expect(detector.hits(in: huge).count == 40_000)
        #expect(detector.hits(in: "").isEmpty)
        #expect(detector.hits(in: "\u{202E}12 Baker Street\u{202C} e\u{301}").count == 1)
    }

    /// The frozen test set must stay byte-identical: it was written before the rules were tuned,
    /// and tuning happened on pii-dev.jsonl only.
    @Test func meetsTheFloorOnTheFrozenTestSet() throws {
        let url = TriageTestFiles.fixtures.appendingPathComponent("pii-test.jsonl")
        let bytes = try Data(contentsOf: url)
        #expect(bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 } == Self.frozenTestSetFNV)
        let score = try Self.score(url, detector: detector)
        #expect(score.precision >= 0.95)
        #expect(score.recall >= 0.93)
    }

    static let frozenTestSetFNV: UInt64 = 0xff78_8c97_c43b_039f

    static func score(_ url: URL, detector: PersonalDataDetector) throws -> PersonalDataScore {
        var score = PersonalDataScore()
        for line in try TriageTestFiles.lines(url) {
            let row = try JSONDecoder().decode(Row.self, from: Data(line.utf8))
            let gold = row.pii.map { PersonalDataHit(kind: $0.kind, start: $0.start, end: $0.end, confidence: 1) }
            score.add(gold: gold, predicted: detector.hits(in: row.text))
        }
        return score
    }

    struct Row: Decodable {
        struct Span: Decodable {
            var kind: PersonalDataKind
            var start: Int
            var end: Int
        }
        var text: String
        var pii: [Span]
    }
}
