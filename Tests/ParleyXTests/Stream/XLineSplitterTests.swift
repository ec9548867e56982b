import Foundation
import Testing

@testable import ParleyX

@Suite struct XLineSplitterTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func text(_ lines: [Data]) -> [String] { lines.map { String(decoding: $0, as: UTF8.self) } }

    @Test func aLineSplitAcrossChunksArrivesOnceComplete() {
        var splitter = XLineSplitter()
        #expect(splitter.append(Self.bytes(#"{"data":{"id":"1","#)).isEmpty)
        #expect(splitter.append(Self.bytes(#""text":"hi"}}"#)).isEmpty)
        #expect(splitter.append(Self.bytes("\r")).isEmpty)
        #expect(Self.text(splitter.append(Self.bytes("\n"))) == [#"{"data":{"id":"1","text":"hi"}}"#])
        #expect(splitter.keepAlives == 0)
        #expect(splitter.finish() == 0)
    }

    @Test func severalLinesInOneChunkKeepTheirOrderAndTheRestWaits() {
        var splitter = XLineSplitter()
        let lines = splitter.append(Self.bytes("one\r\ntwo\nthree\r\nfou"))
        #expect(Self.text(lines) == ["one", "two", "three"])
        #expect(Self.text(splitter.append(Self.bytes("r\r\n"))) == ["four"])
    }

    @Test func keepAlivesAreCountedAndNotReturned() {
        var splitter = XLineSplitter()
        #expect(splitter.append(Self.bytes("\r\n\r\n")).isEmpty)
        #expect(Self.text(splitter.append(Self.bytes("a\r\n\r\n\nb\r\n"))) == ["a", "b"])
        #expect(splitter.keepAlives == 4, "a bare LF is a keep-alive too")
    }

    @Test func everyByteAloneGivesTheSameLines() {
        let stream = "\r\n{\"a\":1}\r\n\r\n{\"b\":\"é\"}\n\r\n"
        var whole = XLineSplitter()
        let expected = whole.append(Self.bytes(stream))
        var bytewise = XLineSplitter()
        var lines: [Data] = []
        for byte in Self.bytes(stream) { lines += bytewise.append([byte]) }
        #expect(lines == expected)
        #expect(Self.text(lines) == [#"{"a":1}"#, #"{"b":"é"}"#])
        #expect(bytewise.keepAlives == whole.keepAlives)
        #expect(bytewise.keepAlives == 3)
    }

    @Test func anOversizedLineIsDroppedWholeAndCountedAndTheNextOneArrives() {
        var splitter = XLineSplitter(maxLineBytes: 8)
        #expect(splitter.append(Self.bytes("12345")).isEmpty)
        #expect(splitter.append(Self.bytes("6789abcdef")).isEmpty)
        #expect(splitter.oversizedLines == 1)
        #expect(Self.text(splitter.append(Self.bytes("ghij\r\nok\r\n"))) == ["ok"])
        #expect(splitter.oversizedLines == 1)
        #expect(splitter.keepAlives == 0, "the end of a dropped line is not a keep-alive")
    }

    /// A line far past the limit is not held: `finish()` reports nothing pending while discarding.
    @Test func anEndlessLineIsNotBuffered() {
        var splitter = XLineSplitter(maxLineBytes: 1024)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        for _ in 0..<256 { #expect(splitter.append(chunk).isEmpty) }
        #expect(splitter.oversizedLines == 1)
        #expect(splitter.finish() == 0)
    }

    @Test func aLineOfExactlyTheLimitIsKept() {
        var splitter = XLineSplitter(maxLineBytes: 8)
        #expect(Self.text(splitter.append(Self.bytes("12345678\n"))) == ["12345678"])
        #expect(Self.text(splitter.append(Self.bytes("123456789\n"))) == [])
        #expect(splitter.oversizedLines == 1)
    }

    /// The limit is on the line, which is returned without its line end; X ends lines with `\r\n`.
    @Test func aLineOfExactlyTheLimitEndedByCRLFIsKept() {
        var splitter = XLineSplitter(maxLineBytes: 8)
        #expect(Self.text(splitter.append(Self.bytes("12345678\r\n"))) == ["12345678"])
        #expect(splitter.oversizedLines == 0)
    }

    @Test func finishReportsTheCutOffLineAndStartsClean() {
        var splitter = XLineSplitter()
        _ = splitter.append(Self.bytes("done\r\n{\"data\":{\"id\""))
        #expect(splitter.finish() == 13, #"{"data":{"id" is 13 bytes"#)
        #expect(splitter.finish() == 0)
        #expect(Self.text(splitter.append(Self.bytes("fresh\r\n"))) == ["fresh"], "nothing of the old line is glued on")
    }

    @Test func finishAfterAnOversizedLineStopsDiscarding() {
        var splitter = XLineSplitter(maxLineBytes: 4)
        _ = splitter.append(Self.bytes("toolong"))
        _ = splitter.finish()
        #expect(Self.text(splitter.append(Self.bytes("ok\r\n"))) == ["ok"])
        #expect(splitter.keepAlives == 0)
        #expect(splitter.oversizedLines == 1, "counts survive a reconnect")
    }

    @Test func acceptsDataChunks() {
        var splitter = XLineSplitter()
        #expect(Self.text(splitter.append(Data("a\r\nb\r\n".utf8))) == ["a", "b"])
    }
}
