import Foundation

/// `../shared/data/x-api-official/oauth1_signature_vectors.json` (inputs from X's docs and the MIT
/// xdevplatform/autohook tests; see that folder's PROVENANCE.md). Read in place, so a missing file
/// fails the tests that use it.
struct OAuth1Vectors: Decodable {
    struct Vector: Decodable {
        var id: String
        var method: String?
        var base_url: String?
        var query_params: [String: String]?
        var body_params: [String: String]?
        var oauth_params: [String: String]?
        var consumer_secret: String?
        var token_secret: String?
        var expected_parameter_string: String?
        var expected_signature_base_string: String?
        var expected_signing_key: String?
        var expected_hmac_hex: String?
        var expected_signature: String?
        var expected_header: String?
        var documented_header: String?
    }

    var vectors: [Vector]

    static func load() throws -> [Vector] {
        try JSONDecoder().decode(
            OAuth1Vectors.self, from: SharedData.bytes("x-api-official/oauth1_signature_vectors.json")
        ).vectors
    }
}
