import Foundation
import ParleyCore
import Testing
@testable import ParleyStore

@Suite struct JournalTests {
    func event(_ id: String, source: EventSource = .replay, _ payload: String = "{}") -> RawEvent {
        RawEvent(source: source, externalID: id, payload: Data(payload.utf8), receivedAt: Date(timeIntervalSince1970: 1_000))
    }

    @Test func sameSourceAndIDIsStoredOnce() async throws {
        try await withStore { db in
            let journal = Journal(database: db)
            let value1 = try await journal.append([event("a"), event("b")])
            #expect(value1 == 2)
            let value2 = try await journal.append([event("a"), event("c")])
            #expect(value2 == 1)
            let value3 = try await journal.append([event("a", source: .api)])
            #expect(value3 == 1)
            let value4 = try await journal.counts()[.pending]
            #expect(value4 == 4)
            let value5 = try await journal.pending(limit: 10).map(\.event.externalID)
            #expect(value5 == ["a", "b", "c", "a"])
        }
    }

    @Test func keepsTheExactBytesIncludingInvalidUTF8() async throws {
        try await withStore { db in
            let bytes = Data([0xff, 0xfe, 0x00, 0x7b, 0x0a])
            try await Journal(database: db).append([RawEvent(source: .api, externalID: "x", payload: bytes, receivedAt: Date())])
            let value6 = try await Journal(database: db).pending(limit: 1).first?.event.payload
            #expect(value6 == bytes)
        }
    }

    @Test func largeBatchesAreSplitBelowSQLiteBindLimits() async throws {
        try await withStore { db in
            let events = (0..<2500).map { event("e\($0)") }
            let value7 = try await Journal(database: db).append(events)
            #expect(value7 == 2500)
            let value8 = try await Journal(database: db).pending(limit: 3000).count
            #expect(value8 == 2500)
        }
    }
}

@Suite struct QueueCursorTests {
    @Test func tokensRoundTripExactly() {
        let cursor = QueueCursor(lastMessageAt: Date(timeIntervalSince1970: 1_795_608_000.123456789), id: UUID())
        #expect(QueueCursor(token: cursor.token) == cursor)
        #expect(!cursor.token.contains("+") && !cursor.token.contains("/") && !cursor.token.contains("="))
    }

    @Test(arguments: ["", "nonsense", "bm90OmF1dWlk", String(repeating: "A", count: 500)])
    func foreignTokensAreRefused(token: String) {
        #expect(QueueCursor(token: token) == nil)
    }
}
