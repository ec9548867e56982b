/// Which of X's shapes a JSON object is, told apart by its top-level keys in one pass.
enum PayloadDocument: Decodable, Sendable {
    case accountActivity(AccountActivityPayload)
    case v1Tweet(V1Tweet)
    case v2(V2Envelope)
    /// A bare v2 post, as twarc's `--flatten` writes one per line.
    case v2FlatPost(V2Post)

    private static let envelopeKeys: Set<String> = ["data", "includes", "meta", "errors", "matching_rules"]
    /// Enough to tell a person what arrived without echoing an arbitrarily large object back.
    private static let reportedKeyLimit = 20

    init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
        let keySet = Set(keys)
        // Order matters: v1.1 posts carry `matching_rules` too, and Account Activity never has `data`.
        if keySet.contains("for_user_id") || keys.contains(where: AccountActivityPayload.isEventKey) {
            self = .accountActivity(try AccountActivityPayload(from: decoder))
        } else if keySet.contains("id_str") {
            self = .v1Tweet(try V1Tweet(from: decoder))
        } else if !keySet.isDisjoint(with: Self.envelopeKeys) {
            self = .v2(try V2Envelope(from: decoder))
        } else if keySet.contains("id"), keySet.contains("text") {
            self = .v2FlatPost(try V2Post(from: decoder))
        } else {
            let reported = keys.sorted().prefix(Self.reportedKeyLimit).map { String($0.prefix(64)) }
            throw XPayloadError.unrecognizedShape(topLevelKeys: reported)
        }
    }
}
