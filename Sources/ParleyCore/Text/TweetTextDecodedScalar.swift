/// A scalar decoded from UTF-16 code units, with where its code units start and end.
struct TweetTextDecodedScalar {
    var scalar: Unicode.Scalar
    var start: Int
    var end: Int

    /// The scalar whose code units start at `index`.
    init?(in units: UnsafeBufferPointer<UInt16>, at index: Int) {
        guard index >= 0, index < units.count else { return nil }
        let u = units[index]
        if TweetTextCharacterClass.isHighSurrogate(u), index + 1 < units.count,
            TweetTextCharacterClass.isLowSurrogate(units[index + 1])
        {
            self.init(pairHigh: u, low: units[index + 1], start: index)
        } else if let scalar = Unicode.Scalar(u) {
            self.init(scalar: scalar, start: index, end: index + 1)
        } else {
            return nil
        }
    }

    /// The scalar whose code units end right before `index`.
    init?(in units: UnsafeBufferPointer<UInt16>, before index: Int) {
        guard index > 0, index <= units.count else { return nil }
        let u = units[index - 1]
        if TweetTextCharacterClass.isLowSurrogate(u), index >= 2,
            TweetTextCharacterClass.isHighSurrogate(units[index - 2])
        {
            self.init(pairHigh: units[index - 2], low: u, start: index - 2)
        } else if let scalar = Unicode.Scalar(u) {
            self.init(scalar: scalar, start: index - 1, end: index)
        } else {
            return nil
        }
    }

    private init(scalar: Unicode.Scalar, start: Int, end: Int) {
        self.scalar = scalar
        self.start = start
        self.end = end
    }

    private init?(pairHigh high: UInt16, low: UInt16, start: Int) {
        let value = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(low - 0xDC00)
        guard let scalar = Unicode.Scalar(value) else { return nil }
        self.init(scalar: scalar, start: start, end: start + 2)
    }
}
