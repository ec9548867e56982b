import Foundation
import Testing

@testable import ParleyX

@Suite struct TokenSealerTests {
    static let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
    static let otherKey = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
    static let fixedNonce: [UInt8] = Array(repeating: 7, count: 12)
    static let token = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F"

    func sealer(_ key: String = key) throws -> TokenSealer {
        try TokenSealer(base64Key: key, makeNonce: { Self.fixedNonce })
    }

    @Test(arguments: ["", "a", token, "é☃😀 and spaces", String(repeating: "x", count: 4096)])
    func roundTrip(plaintext: String) throws {
        let sealer = try sealer()
        let sealed = try sealer.seal(plaintext)
        #expect(sealed.hasPrefix("v1:"))
        #expect(try sealer.open(sealed) == plaintext)
        // 12-byte nonce + ciphertext (as long as the plaintext) + 16-byte tag.
        #expect(Data(base64Encoded: String(sealed.dropFirst(3)))?.count == 12 + plaintext.utf8.count + 16)
    }

    @Test func sealedTextCarriesTheNonceAndNeverThePlaintext() throws {
        let sealed = try sealer().seal(Self.token)
        let bytes = try #require(Data(base64Encoded: String(sealed.dropFirst(3))))
        #expect(Array(bytes.prefix(12)) == Self.fixedNonce)
        #expect(!sealed.contains("AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA"))
        // Fixed nonce and key: the output is stable, so a format change shows up here.
        #expect(try sealer().seal(Self.token) == sealed)
    }

    @Test func freshNoncesByDefault() throws {
        let sealer = try TokenSealer(base64Key: Self.key)
        let first = try sealer.seal(Self.token)
        let second = try sealer.seal(Self.token)
        #expect(first != second)
        #expect(try sealer.open(first) == Self.token)
        #expect(try sealer.open(second) == Self.token)
    }

    @Test func wrongKeyCannotOpen() throws {
        let sealed = try sealer().seal(Self.token)
        #expect(throws: TokenSealerError.cannotOpen) { try sealer(Self.otherKey).open(sealed) }
    }

    @Test func everyTamperedByteIsCaught() throws {
        let sealer = try sealer()
        let bytes = try #require(Data(base64Encoded: String(try sealer.seal("tok").dropFirst(3))))
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= 0x01
            #expect(throws: TokenSealerError.cannotOpen) {
                try sealer.open("v1:" + tampered.base64EncodedString())
            }
        }
    }

    @Test(arguments: [
        ("", "expected the v1: prefix"),
        ("plain-token-stored-before-encryption", "expected the v1: prefix"),
        ("v2:AAAA", "expected the v1: prefix"),
        ("V1:AAAA", "expected the v1: prefix"),
        ("v1:not base64!", "the payload is not base64"),
        ("v1:", "the payload is 0 bytes, shorter than nonce and tag"),
        ("v1:" + Data(count: 27).base64EncodedString(), "the payload is 27 bytes, shorter than nonce and tag"),
    ])
    func badFormat(sealed: String, reason: String) throws {
        #expect(throws: TokenSealerError.malformed(reason: reason)) { try sealer().open(sealed) }
    }

    @Test func nonceAndTagAloneDoNotOpen() throws {
        let sealer = try sealer()
        #expect(throws: TokenSealerError.cannotOpen) { try sealer.open("v1:" + Data(count: 28).base64EncodedString()) }
    }

    @Test(arguments: [
        ("", "0 bytes, expected 32"),
        ("not base64!", "not base64"),
        (Data(count: 16).base64EncodedString(), "16 bytes, expected 32"),
        (Data(count: 33).base64EncodedString(), "33 bytes, expected 32"),
    ])
    func badKey(key: String, reason: String) {
        #expect(throws: TokenSealerError.invalidKey(reason: reason)) { try TokenSealer(base64Key: key) }
    }

    @Test func keyWithSurroundingWhitespaceFromAnEnvFileIsAccepted() throws {
        let sealed = try sealer().seal("t")
        #expect(try sealer(" \(Self.key)\n").open(sealed) == "t")
    }

    @Test func badNonceSourceFailsToSeal() throws {
        let sealer = try TokenSealer(base64Key: Self.key, makeNonce: { [1, 2, 3] })
        #expect(throws: TokenSealerError.sealFailed) { try sealer.seal("t") }
    }

    @Test func errorsAndDescriptionsShowNoKeyOrToken() throws {
        let sealer = try sealer()
        let sealed = try sealer.seal(Self.token)
        var dumped = ""
        dump(sealer, to: &dumped)
        var texts = ["\(sealer)", dumped]
        do { _ = try self.sealer(Self.otherKey).open(sealed) } catch { texts.append("\(error)") }
        do { _ = try sealer.open("v1:" + sealed) } catch { texts.append("\(error)") }
        #expect(texts.count == 4)
        for text in texts {
            #expect(!text.contains(Self.key) && !text.contains(Self.otherKey))
            #expect(!text.contains(Self.token) && !text.contains(String(sealed.dropFirst(3))))
        }
    }
}
