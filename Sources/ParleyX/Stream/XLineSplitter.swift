import Foundation

/// Cuts the filtered stream's bytes into lines. X ends each post with `\r\n` and sends a bare
/// `\r\n` as a keep-alive; a line may arrive in pieces, and several in one piece. What is left
/// when the connection ends is a truncated line, never a post.
public struct XLineSplitter: Sendable {
    private var pending: [UInt8] = []
    /// Keep-alives seen so far.
    public private(set) var keepAlives = 0
    /// The largest line kept; a longer one is dropped whole (counted) rather than growing without bound.
    public let maxLineBytes: Int
    public private(set) var oversizedLines = 0
    private var discarding = false

    public init(maxLineBytes: Int = 4 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Adds a chunk and returns the complete, non-empty lines it finished, without their line ends.
    public mutating func append(_ chunk: some Collection<UInt8>) -> [Data] {
        var lines: [Data] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                if discarding {
                    discarding = false
                } else {
                    if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                    if pending.isEmpty { keepAlives += 1 } else { lines.append(Data(pending)) }
                }
                pending.removeAll(keepingCapacity: true)
            } else if !discarding {
                pending.append(byte)
                // The `\r` of X's line end is not part of the line.
                if pending.count > maxLineBytes && !(pending.count == maxLineBytes + 1 && byte == UInt8(ascii: "\r")) {
                    oversizedLines += 1
                    discarding = true
                    pending.removeAll(keepingCapacity: false)
                }
            }
        }
        return lines
    }

    /// Ends the connection: returns the size of the partial line that was cut off (0 if none) and
    /// forgets it, so the next connection starts clean.
    public mutating func finish() -> Int {
        let cut = pending.count
        pending.removeAll(keepingCapacity: false)
        discarding = false
        return cut
    }
}
