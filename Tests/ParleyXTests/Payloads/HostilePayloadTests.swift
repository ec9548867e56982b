import Foundation
import Testing

@testable import ParleyX

/// Whatever arrives, the decoder answers with a value or a clear error, and never repeats a
/// post's text in that error: errors end up in logs and the journal's error column.
@Suite struct HostilePayloadTests {
    static func decode(_ text: String) throws(XPayloadError) -> XDecodedPayload {
        try XPayloadDecoder.decode(Data(text.utf8))
    }

    @Test func emptyBodies() {
        #expect(throws: XPayloadError.empty) { try XPayloadDecoder.decode(Data()) }
        #expect(throws: XPayloadError.empty) { try Self.decode(" \r\n\t ") }
        #expect(throws: XPayloadError.empty) {
            try XPayloadDecoder.decode(try SharedData.bytes("twarc-v2-responses/test-data/empty.json"))
        }
    }

    @Test func anHTMLErrorPage() {
        #expect(throws: XPayloadError.notJSON("starts with '<' (an HTML or XML page?)")) {
            try Self.decode("<!DOCTYPE html><html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
        }
    }

    @Test(arguments: [("[]", "array"), ("[{\"data\":{}}]", "array"), ("\"data\"", "string"), ("42", "number"),
                      ("true", "boolean"), ("null", "null")])
    func jsonThatIsNotAnObject(body: String, found: String) {
        #expect(throws: XPayloadError.notAnObject(found: found)) { try Self.decode(body) }
    }

    @Test func objectsThatAreNotXPayloads() {
        #expect(throws: XPayloadError.unrecognizedShape(topLevelKeys: [])) { try Self.decode("{}") }
        #expect(throws: XPayloadError.unrecognizedShape(topLevelKeys: ["__twarc"])) {
            try Self.decode(#"{"__twarc":{"version":"2.7.3"}}"#)
        }
        #expect(throws: XPayloadError.unrecognizedShape(topLevelKeys: ["action", "created_at", "id", "reason"])) {
            try Self.decode(#"{"id":"1170025343920402432","action":"delete","created_at":"2019-09-06T17:25:54.667Z","reason":"protected"}"#)
        }
    }

    @Test func theTruncatedStreamLine() throws {
        let lines = SharedData.lines(try SharedData.bytes("twarc-v2-responses/test-data/streaming_output_with_error.jsonl"))
        #expect(lines.count == 8)
        #expect(throws: XPayloadError.notJSON("ends with 2 unclosed object(s) or array(s) (truncated?)")) {
            try XPayloadDecoder.decode(lines[7])
        }
    }

    @Test(arguments: [
        (#"{"data":{"id":"1600000000000000005","author_id":"9","text":"SECRET order 4417 1234 5678 9113"#,
         "ends inside a string (truncated?)"),
        (#"{"data":{"id":"1600000000000000005","author_id":"9","text":"SECRET" "more SECRET"}}"#, "malformed JSON"),
        (#"{"data":{"id":"1600000000000000005","author_id":"9","text":SECRET}}"#, "malformed JSON"),
        (#"{"data":{"id":"1600000000000000005","author_id":"9","text":"SECRET\q"}}"#,
         "invalid escape in a string at byte 66"),
        (#"{"data":{"id":"1600000000000000005","author_id":"9","text":"SECRET \ud83d alone"}}"#,
         "invalid escape in a string at byte 67"),
        ("{\"data\":{\"id\":\"1600000000000000005\",\"author_id\":\"9\",\"text\":\"SECRET\u{7}\"}}",
         "unescaped control character in a string at byte 66"),
    ])
    func brokenJSONIsNamedWithoutEchoingText(body: String, detail: String) {
        #expect(throws: XPayloadError.notJSON(detail)) { try Self.decode(body) }
    }

    @Test func invalidUTF8IsAClearError() {
        var bytes = Data(#"{"data":{"id":"1600000000000000006","author_id":"9","text":"caf"#.utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0xFF, 0xFE])
        bytes.append(contentsOf: Data(#""}}"#.utf8))
        #expect(throws: XPayloadError.notJSON("invalid UTF-8 at byte 63")) { try XPayloadDecoder.decode(bytes) }
    }

    /// The up-front check must refuse exactly the strings Foundation's parser refuses to read;
    /// otherwise a lenient field would quietly come back empty.
    @Test func theTextCheckAgreesWithFoundationOnStrings() throws {
        struct Probe: Decodable { var t: String }
        let strings: [[UInt8]] = [
            Array("plain".utf8), Array(#"\"\\\/\b\f\n\r\t"#.utf8), Array(#"\u00e9\u20AC"#.utf8),
            Array(#"\ud83d\ude42"#.utf8), Array(#"\ud83d"#.utf8), Array(#"\ude42"#.utf8), Array(#"\ud83dx"#.utf8),
            Array(#"\ud83d\u0041"#.utf8), Array(#"\u12"#.utf8), Array(#"\u12g4"#.utf8), Array(#"\x"#.utf8),
            Array(#"\'"#.utf8), [0x61, 0x09], [0x61, 0x7F], [0x61, 0x1F], Array("é€🙂".utf8), [0xC3], [0xC0, 0x80],
            [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x99], [0xFF],
            [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for content in strings {
            let body = Data(#"{"t":""#.utf8) + Data(content) + Data(#""}"#.utf8)
            let parsed = (try? JSONDecoder().decode(Probe.self, from: body)) != nil
            #expect((JSONTextCheck.problem(in: body) == nil) == parsed, "\(content)")
        }
    }

    @Test func aMegabyteOfTextDecodes() throws {
        let text = String(repeating: "é🙂x", count: 350_000)
        let body = #"{"data":{"id":"1600000000000000007","author_id":"9","text":""# + text + #""}}"#
        #expect(body.utf8.count > 1_000_000)
        let post = try #require(try Self.decode(body).event.posts.first)
        #expect(post.text == text)
    }

    @Test func deepNestingIsRejectedNotOverflowed() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: XPayloadError.self) { try Self.decode(#"{"data":"# + deep + "}") }
        #expect(throws: XPayloadError.self) { try Self.decode(deep) }
    }

    /// Markup reaches the desk as text (X's own `&amp;` escape undone); escaping is the views' job.
    @Test func htmlAndScriptInTextArriveAsText() throws {
        let decoded = try Self.decode(#"""
            {"data":{"id":"1600000000000000008","author_id":"9","text":"<script>alert(1)</script> &amp; \u0000"},
             "includes":{"users":[{"id":"9","username":"x","name":"<img src=x onerror=alert(1)>"}]}}
            """#)
        #expect(decoded.event.posts.first?.text == "<script>alert(1)</script> & \u{0}")
        #expect(decoded.event.users.first?.name == "<img src=x onerror=alert(1)>")
    }

    @Test func everyErrorDescribesItself() {
        let errors: [XPayloadError] = [
            .empty, .notJSON("unexpected end of file"), .notAnObject(found: "array"),
            .unrecognizedShape(topLevelKeys: []), .unrecognizedShape(topLevelKeys: ["a", "b"]),
            .invalidField(path: "data.id", reason: "missing or not a string"),
        ]
        #expect(errors.map(\.description) == [
            "payload is empty",
            "payload is not JSON: unexpected end of file",
            "payload is JSON but a top-level array, not an object",
            "payload is an empty object; not an X payload",
            "payload is not an X payload; top-level keys: a, b",
            "payload field data.id: missing or not a string",
        ])
    }

    @Test func theExternalIDHelperGivesNilForWhatDoesNotDecode() {
        #expect(XPayloadDecoder.externalID(for: Data("<html>".utf8)) == nil)
        #expect(XPayloadDecoder.externalID(for: Data()) == nil)
        #expect(XPayloadDecoder.externalID(for: Data(#"{"data":{"id":"5","text":"x"}}"#.utf8)) == "post:5")
    }
}
