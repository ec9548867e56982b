import Foundation
@testable import ParleyStore
import Testing

/// The UUID reader the bulk reads use agrees with Foundation's, and refuses what it refuses.
@Suite struct BulkRowsTests {
    @Test func readsUUIDsAsFoundationDoes() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(BulkRows.uuid(id.uuidString) == id)
            #expect(BulkRows.uuid(id.uuidString.lowercased()) == id)
        }
        for bad in ["", "00000002-0000-4000-8000-0000000256F", "00000002-0000-4000-8000-0000000256FG", "00000002x0000-4000-8000-0000000256F6",
                    "000000020-000-4000-8000-0000000256F6", "{00000002-0000-4000-8000-0000000256}"] {
            #expect(BulkRows.uuid(bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
    }
}
