import Foundation
import Testing

@testable import ParleyX

@Suite struct XTimestampTests {
    @Test(arguments: [
        ("2022-10-07T22:43:18.000Z", 1_665_182_598.0),
        ("2022-10-07T22:43:18Z", 1_665_182_598.0),
        ("2022-10-07T22:43:18.123Z", 1_665_182_598.123),
        ("2022-10-07T22:43:18.5Z", 1_665_182_598.5),
        ("2022-10-07T22:43:18.123456789Z", 1_665_182_598.123456),
        ("2022-10-08T00:43:18+02:00", 1_665_182_598.0),
        ("2022-10-07T17:43:18-0500", 1_665_182_598.0),
        ("2021-04-01T15:52:42+00:00", 1_617_292_362.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func iso8601(text: String, seconds: Double) {
        #expect(XTimestamp.parseISO8601(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "", "2022", "2022-10-07", "2022-10-07T22:43:18", "2022-13-07T22:43:18Z", "2023-02-29T00:00:00Z",
        "2022-10-07T24:00:00Z", "2022-10-07T22:43:18.Z", "2022-10-07T22:43:18.000Zjunk", "2022-10-07T22:43:18+2",
        "２０２２-10-07T22:43:18Z", "Wed Oct 10 20:19:24 +0000 2018",
    ])
    func notISO8601(text: String) {
        #expect(XTimestamp.parseISO8601(text) == nil)
    }

    @Test(arguments: [
        ("Wed Oct 10 20:19:24 +0000 2018", 1_539_202_764.0),
        ("Fri Aug 21 19:10:05 +0000 2020", 1_598_037_005.0),
        ("Mon May 19 14:01:46 +0000 2025", 1_747_663_306.0),
        ("Sat Dec 14 04:35:55 +0000 2013", 1_386_995_755.0),
        ("Wed Oct 10 15:19:24 -0500 2018", 1_539_202_764.0),
    ])
    func v1(text: String, seconds: Double) {
        #expect(XTimestamp.parseV1(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "Wed Oct 10 20:19:24 +0000 18", "Wed Foo 10 20:19:24 +0000 2018", "Wed Oct 32 20:19:24 +0000 2018",
                      "2022-10-07T22:43:18.000Z"])
    func notV1(text: String) {
        #expect(XTimestamp.parseV1(text) == nil)
    }

    /// Agrees with Foundation's own formatter across two centuries of instants.
    @Test func agreesWithISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let ms = Int64(state >> 22) % 4_102_444_800_000  // 1970 ..< 2100
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            let text = formatter.string(from: date)
            #expect(XTimestamp.parseISO8601(text) == date, "\(text)")
            #expect(XTimestamp.formatISO8601(date) == text)
        }
    }

    @Test func millisecondsAndSnowflakes() throws {
        #expect(XTimestamp.parseMilliseconds("1516403560557") == Date(timeIntervalSince1970: 1_516_403_560.557))
        #expect(XTimestamp.parseMilliseconds("soon") == nil)
        #expect(XTimestamp.fromSnowflake("1234567890") == nil)
        #expect(XTimestamp.fromSnowflake("not a number") == nil)
        #expect(XTimestamp.fromSnowflake("1578516295611748353") == Date(timeIntervalSince1970: 1_665_182_586.945))
    }

    /// Every post in a recorded search page was created within a second of what its id says.
    @Test func snowflakeTimesMatchRecordedCreatedAt() throws {
        let decoded = try XPayloadDecoder.decode(
            SharedData.lines(try SharedData.bytes("twarc-v2-responses/test-data/2sets.jsonl"))[0])
        #expect(decoded.event.posts.count == 100)
        for post in decoded.event.posts {
            let fromID = try #require(XTimestamp.fromSnowflake(post.id))
            #expect(abs(fromID.timeIntervalSince(post.createdAt)) < 1, "\(post.id)")
        }
    }
}
