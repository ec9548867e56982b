import Foundation
import Testing

@testable import ParleyX

@Suite struct PKCETests {
    // RFC 7636 Appendix B, verbatim: the 32 octets, the verifier they encode to, and its S256 challenge.
    static let rfcOctets: [UInt8] = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
        22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ]
    static let rfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let rfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    @Test func rfc7636AppendixB() throws {
        let fromText = try PKCECodeVerifier(Self.rfcVerifier)
        #expect(fromText.challenge == Self.rfcChallenge)
        let fromOctets = try PKCECodeVerifier(octets: Self.rfcOctets)
        #expect(fromOctets.value == Self.rfcVerifier)
        #expect(fromOctets.challenge == Self.rfcChallenge)
    }

    @Test func lengthLimits() throws {
        #expect(try PKCECodeVerifier(String(repeating: "a", count: 43)).value.count == 43)
        #expect(try PKCECodeVerifier(String(repeating: "~", count: 128)).value.count == 128)
        #expect(throws: PKCEError.badLength(42)) { try PKCECodeVerifier(String(repeating: "a", count: 42)) }
        #expect(throws: PKCEError.badLength(129)) { try PKCECodeVerifier(String(repeating: "a", count: 129)) }
        #expect(throws: PKCEError.badLength(0)) { try PKCECodeVerifier("") }
    }

    @Test(arguments: [" ", "+", "/", "=", "%", "é", "\n"])
    func refusesCharactersOutsideTheUnreservedSet(bad: String) {
        let value = String(repeating: "A", count: 20) + bad + String(repeating: "z", count: 30)
        #expect(throws: PKCEError.invalidCharacter(offset: 20)) { try PKCECodeVerifier(value) }
    }

    @Test func octetLimits() throws {
        #expect(throws: PKCEError.badOctetCount(31)) { try PKCECodeVerifier(octets: [UInt8](repeating: 0, count: 31)) }
        #expect(throws: PKCEError.badOctetCount(97)) { try PKCECodeVerifier(octets: [UInt8](repeating: 0, count: 97)) }
        // 96 octets are exactly 128 base64url characters; bytes 0xFB/0xFF exercise `-` and `_`.
        let longest = try PKCECodeVerifier(octets: [UInt8](repeating: 0xFB, count: 48) + [UInt8](repeating: 0xFF, count: 48))
        #expect(longest.value.count == 128)
        #expect(longest.value.contains("-") && longest.value.contains("_") && !longest.value.contains("="))
    }

    @Test func printingHidesTheVerifier() throws {
        let verifier = try PKCECodeVerifier(Self.rfcVerifier)
        var dumped = ""
        dump(verifier, to: &dumped)
        for text in ["\(verifier)", String(reflecting: verifier), dumped] {
            #expect(!text.contains(Self.rfcVerifier))
        }
    }

    @Test func authorizeURL() throws {
        let authorize = XAuthorizeURL(
            clientID: "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ",
            redirectURI: "https://desk.example.com/auth/x/callback",
            scopes: ["tweet.read", "tweet.write", "users.read", "dm.read", "dm.write", "offline.access"],
            state: "s-123", verifier: try PKCECodeVerifier(Self.rfcVerifier))
        #expect(
            authorize.url.absoluteString
                == "https://twitter.com/i/oauth2/authorize?response_type=code"
                + "&client_id=M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ"
                + "&redirect_uri=https%3A%2F%2Fdesk.example.com%2Fauth%2Fx%2Fcallback"
                + "&scope=tweet.read%20tweet.write%20users.read%20dm.read%20dm.write%20offline.access"
                + "&state=s-123&code_challenge=\(Self.rfcChallenge)&code_challenge_method=S256")

        // What a server parsing it sees: each value back as given, once.
        let items = try #require(URLComponents(url: authorize.url, resolvingAgainstBaseURL: false)?.queryItems)
        let values = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
        #expect(values["redirect_uri"] == "https://desk.example.com/auth/x/callback")
        #expect(values["scope"] == "tweet.read tweet.write users.read dm.read dm.write offline.access")
        #expect(values["code_challenge"] == Self.rfcChallenge)
        #expect(items.count == 7)
        #expect(!authorize.url.absoluteString.contains(Self.rfcVerifier))
    }

    @Test func authorizeURLOnAnotherEndpoint() throws {
        let authorize = XAuthorizeURL(
            endpoint: URL(string: "http://127.0.0.1:9999/i/oauth2/authorize?x=1")!, clientID: "c",
            redirectURI: "http://127.0.0.1/cb", scopes: ["users.read"], state: "st&=",
            verifier: try PKCECodeVerifier(Self.rfcVerifier))
        #expect(authorize.url.absoluteString.hasPrefix("http://127.0.0.1:9999/i/oauth2/authorize?x=1&response_type=code&"))
        #expect(authorize.url.absoluteString.contains("&state=st%26%3D&"))
    }
}
