import Testing

@testable import ParleyX

@Suite struct XSnowflakeTests {
    @Test func comparesAsDecimalNumbersNotAsText() {
        #expect(XSnowflake.isNewer("1000", than: "999"), "as text \"1000\" < \"999\"")
        #expect(!XSnowflake.isNewer("999", than: "1000"))
        #expect(XSnowflake.isNewer("1578516295611748353", than: "1578516107798884353"))
        #expect(!XSnowflake.isNewer("1578516107798884353", than: "1578516295611748353"))
        // Past UInt64.max, where a JSON number would already have lost precision.
        #expect(XSnowflake.isNewer("18446744073709551616", than: "18446744073709551615"))
    }

    @Test func anIDIsNotNewerThanItself() {
        #expect(!XSnowflake.isNewer("1394735776701816833", than: "1394735776701816833"))
    }

    @Test func anythingIsNewerThanNothing() {
        #expect(XSnowflake.isNewer("1", than: nil))
    }

    @Test func newestPicksTheLargerAndSkipsNil() {
        #expect(XSnowflake.newest("20", "100") == "100")
        #expect(XSnowflake.newest("100", "20") == "100")
        #expect(XSnowflake.newest(nil, "5") == "5")
        #expect(XSnowflake.newest("5", nil) == "5")
        #expect(XSnowflake.newest(nil, nil) == nil)
        #expect(XSnowflake.newest("7", "7") == "7")
    }
}
