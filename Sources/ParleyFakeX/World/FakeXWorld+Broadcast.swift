import Foundation

extension FakeXWorld {
    /// Writes ready-made stream lines to every open filtered-stream connection as one chunk,
    /// without rules or rendering: the load generator of `parley bench stream`. Stream faults count
    /// the chunk as one line.
    public func broadcast(lines: [Data]) {
        guard !streams.isEmpty, !lines.isEmpty else { return }
        var chunk = Data()
        chunk.reserveCapacity(lines.reduce(0) { $0 + $1.count + 2 })
        for (index, line) in lines.enumerated() {
            if index > 0 { chunk.append(contentsOf: [0x0D, 0x0A]) }
            chunk.append(line)
        }
        for stream in streams.values {
            stream.continuation.yield(.line(chunk))
        }
    }
}
