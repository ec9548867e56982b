/// Measures a text the way X does before accepting a post (twitter-text's `parseTweet`).
///
/// The text is NFC-normalized, every URL weighs `transformedURLLength` (23) whatever its length,
/// an emoji sequence weighs as one character under v3, and each other code point weighs what its
/// range says (1 for Latin, 2 for CJK and most symbols). Linear in the length of the text.
public enum TweetTextParser {
    public static func parse(_ text: String, configuration: TweetTextConfiguration = .default) -> TweetTextParseResult {
        let originalLength = text.utf16.count
        let units = TweetTextNormalizer.nfcUnits(of: text)
        return units.withUnsafeBufferPointer { parse($0, originalLength: originalLength, configuration: configuration) }
    }

    /// Parses NFC code units; ranges are mapped back to a text of `originalLength` code units.
    static func parse(
        _ units: UnsafeBufferPointer<UInt16>, originalLength: Int, configuration: TweetTextConfiguration
    ) -> TweetTextParseResult {
        let weigher = TweetTextWeigher(configuration)
        var urls = TweetTextURLScanner(units: units, extractsURLsWithoutProtocol: true)
        var nextURL = urls.next()
        var weighted = 0
        var validEnd = 0
        var hasInvalid = false
        var isBlank = true
        var index = 0
        while index < units.count {
            // Runs of ASCII, most of a typical post, are weighed in one step.
            let runEnd = weigher.asciiRunEnd(in: units, from: index, limit: nextURL?.lowerBound ?? units.count)
            if runEnd > index {
                let before = weighted
                weighted += (runEnd - index) * weigher.asciiWeight
                if isBlank { isBlank = !units[index..<runEnd].contains { $0 > 0x20 } }
                if !hasInvalid, before <= weigher.maxWeight {
                    validEnd = min(runEnd, index + (weigher.maxWeight - before) / weigher.asciiWeight)
                }
                index = runEnd
                continue
            }
            let end: Int
            if let url = nextURL, url.lowerBound == index {
                end = url.upperBound
                weighted += weigher.urlWeight
                isBlank = false
                nextURL = urls.next()
            } else {
                let item = weigher.item(in: units, at: index)
                end = item.end
                weighted += item.weight
                hasInvalid = hasInvalid || item.isInvalid
                isBlank = isBlank && item.isBlank
            }
            if !hasInvalid, weighted <= weigher.maxWeight { validEnd = end }
            index = end
        }

        let weightedLength = weighted / configuration.scale
        // twitter-text shifts the valid end by the whole change in length that normalization
        // made; the suite expects that, and it is exact when the change lies inside the valid part.
        let validUpper = min(max(validEnd + originalLength - units.count, 0), originalLength)
        return TweetTextParseResult(
            weightedLength: weightedLength,
            isValid: !hasInvalid && !isBlank && weightedLength <= configuration.maxWeightedLength,
            permillage: weightedLength * 1000 / configuration.maxWeightedLength,
            validRange: 0..<validUpper,
            displayRange: 0..<originalLength
        )
    }
}
