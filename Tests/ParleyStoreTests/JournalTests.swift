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
            let firstTwo = try await journal.append([event("a"), event("b")])
            #expect(firstTwo == 2)
            let oneNew = try await journal.append([event("a"), event("c")])
            #expect(oneNew == 1)
            let otherSource = try await journal.append([event("a", source: .api)])
            #expect(otherSource == 1)
            let pendingCount = try await journal.counts()[.pending]
            #expect(pendingCount == 4)
            let order = try await journal.pending(limit: 10).map(\.event.externalID)
            #expect(order == ["a", "b", "c", "a"])
        }
    }

    @Test func keepsTheExactBytesIncludingInvalidUTF8() async throws {
        try await withStore { db in
            let bytes = Data([0xff, 0xfe, 0x00, 0x7b, 0x0a])
            try await Journal(database: db).append([RawEvent(source: .api, externalID: "x", payload: bytes, receivedAt: Date())])
            let stored = try await Journal(database: db).pending(limit: 1).first?.event.payload
            #expect(stored == bytes)
        }
    }

    @Test func largeBatchesAreSplitBelowSQLiteBindLimits() async throws {
        try await withStore { db in
            let events = (0..<2500).map { event("e\($0)") }
            let appended = try await Journal(database: db).append(events)
            #expect(appended == 2500)
            let pendingRows = try await Journal(database: db).pending(limit: 3000).count
            #expect(pendingRows == 2500)
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
