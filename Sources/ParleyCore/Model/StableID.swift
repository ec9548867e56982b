import Foundation

/// Ids derived from what a thing is, not from when it was seen.
///
/// Everything downstream of the journal is rebuilt from it, so a conversation must get the same
/// id on every rebuild; otherwise outbox rows, notes and links to `/conversations/<id>` would dangle.
/// The id is 128 bits from two independent 64-bit hashes of the parts (FNV-1a, then a SplitMix64
/// finalizer), formatted as a version-8 ("custom") UUID.
public enum StableID {
    public static func make(_ namespace: String, _ parts: String...) -> UUID {
        make(namespace, parts: parts)
    }

    public static func make(_ namespace: String, parts: [String]) -> UUID {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        func feed(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9_7f4a_7c15
        }
        for s in [namespace] + parts {
            for byte in s.utf8 { feed(byte) }
            feed(0x1f)  // unit separator: ("ab","c") and ("a","bc") differ
        }
        let hi = mix(a)
        let lo = mix(b ^ hi)
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: hi >> (56 - 8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: lo >> (56 - 8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x80  // version 8
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
