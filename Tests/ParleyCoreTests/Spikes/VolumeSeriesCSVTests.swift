import ParleyCore
import Testing

@Suite struct VolumeSeriesCSVTests {
    @Test func readsNABRowsAndKeepsTheTimestampText() throws {
        let parsed = VolumeSeriesCSV.parse("timestamp,value\n2015-02-26 21:42:53,104\r\n2015-02-26 21:47:53,100\n\n")
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows.map(\.sample.value) == [104, 100])
        #expect(parsed.rows.map(\.timestamp) == ["2015-02-26 21:42:53", "2015-02-26 21:47:53"])
        try #require(parsed.rows.count == 2)
        #expect(parsed.rows[1].sample.time - parsed.rows[0].sample.time == 300)
        #expect(SeriesTimestamp.text(parsed.rows[0].sample.time) == "2015-02-26 21:42:53")
        #expect(SeriesTimestamp.seconds("1970-01-01 00:00:00") == 0)
        #expect(SeriesTimestamp.seconds("2016-02-29 00:00:00.000000") == 1_456_704_000)
    }

    /// Every bad row is named by its line and left out; the rows after it are still read.
    @Test func namesEachBadLineAndGoesOn() {
        let text = """
        timestamp,value
        2015-02-26 21:42:53,104
        2015-02-30 21:47:53,3
        2015-02-26 21:52:53,lots
        2015-02-26 21:52:53
        2015-02-26 21:57:53,inf
        <script>,1
        2015-02-26 22:02:53,-2.5
        """
        let parsed = VolumeSeriesCSV.parse(text)
        #expect(parsed.rows.map(\.line) == [2, 8])
        #expect(parsed.errors.map(\.line) == [3, 4, 5, 6, 7])
        #expect(parsed.errors[0].description == "line 3: \"2015-02-30 21:47:53\" is not a timestamp like 2015-02-26 21:42:53")
        #expect(parsed.errors[1].description.contains("\"lots\" is not a number"))
        #expect(parsed.errors[4].description == "line 7: \"<script>\" is not a timestamp like 2015-02-26 21:42:53")
    }

    /// A file may start with a row instead of its header; a first line that is neither is named.
    @Test func readsAFileWithoutItsHeader() {
        let parsed = VolumeSeriesCSV.parse("2015-02-26T21:42:53Z,104\n2015-02-26 21:47:53,100")
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows.map(\.sample.value) == [104, 100])
        #expect(parsed.rows.first?.sample.time == SeriesTimestamp.seconds("2015-02-26 21:42:53"))
        let garbled = VolumeSeriesCSV.parse("time;count\n2015-02-26 21:47:53,100")
        #expect(garbled.errors.map(\.line) == [1])
        #expect(garbled.errors.first?.description.contains("expected the header timestamp,value") == true)
        #expect(garbled.rows.count == 1)
    }
}
