/// A small map from a token to an integer (a lexicon level, a cue word), looked up without making a
/// String: open addressing on the token's word hash (`TriageTokens.wordHash`), confirmed by
/// comparing scalars, so a hash collision can never change an answer.
struct TriageWordTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt32
        var start: Int32
        var count: Int32
        var value: Int32
    }

    /// Index into `entries`, or -1; a power of two at least twice the word count.
    private let slots: [Int32]
    private let entries: [Entry]
    private let pool: [UInt32]

    /// Later duplicates of a word are ignored, so callers list the word that should win first.
    init(_ words: [(scalars: [UInt32], value: Int32)]) {
        var size = 16
        while size < 2 * words.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        var entries: [Entry] = []
        var pool: [UInt32] = []
        for (scalars, value) in words {
            let hash = FNV1a.start.byte(0x77).scalars(scalars).value
            var slot = Int(hash) & (size - 1)
            var duplicate = false
            while slots[slot] >= 0 {
                let e = entries[Int(slots[slot])]
                if e.hash == hash && pool[Int(e.start)..<Int(e.start + e.count)].elementsEqual(scalars) {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            if duplicate { continue }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(hash: hash, start: Int32(pool.count), count: Int32(scalars.count), value: value))
            pool += scalars
        }
        self.slots = slots
        self.entries = entries
        self.pool = pool
    }

    init(_ words: [(String, Int32)]) {
        self.init(words.map { (scalars: $0.0.unicodeScalars.map(\.value), value: $0.1) })
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The value of token `i`, or nil.
    func value(of i: Int, in tokens: borrowing TriageTokens) -> Int32? {
        let hash = tokens.wordHash(i)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while true {
                let index = slots[slot]
                if index < 0 { return nil }
                let e = entries[Int(index)]
                if e.hash == hash && Int(e.count) == tokens.length(i) {
                    let token = tokens.scalars(i)
                    var same = true
                    for k in 0..<Int(e.count) where pool[Int(e.start) + k] != token[k] {
                        same = false
                        break
                    }
                    if same { return e.value }
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
