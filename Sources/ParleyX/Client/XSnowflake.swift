/// X ids are decimal snowflakes: a later post has a larger id. They outgrow 64-bit JSON numbers
/// in some clients, so Parley keeps them as strings and compares them as decimal numbers.
public enum XSnowflake {
    /// Whether `id` is newer (larger) than `other`; anything is newer than nothing.
    public static func isNewer(_ id: String, than other: String?) -> Bool {
        guard let other else { return true }
        if id.count != other.count { return id.count > other.count }
        return id > other
    }

    /// The newer of two ids.
    public static func newest(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return isNewer(a, than: b) ? a : b
    }
}
