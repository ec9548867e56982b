/// Rows of the complaints data set (Preotiuc-Pietro et al. 2019): `tweet_id,text,label,domain`,
/// no header, RFC 4180 quoting. Parsed here so that `parley eval` and the tests read it alike; the
/// caller supplies the file's text, as the data set may not be shipped.
public struct TriageComplaintRow: Sendable, Equatable {
    public var tweetID: String
    public var text: String
    public var isComplaint: Bool
    public var domain: String

    /// The 9 annotated domains; the `random_*` rows are extra non-complaints outside the paper's
    /// evaluation.
    public var isAnnotated: Bool { !domain.hasPrefix("random_") }
}

public enum TriageComplaintsCSV {
    public static func rows(_ csv: String) -> [TriageComplaintRow] {
        records(csv).compactMap { fields in
            guard fields.count == 4 else { return nil }
            return TriageComplaintRow(tweetID: fields[0], text: fields[1], isComplaint: fields[2] == "1", domain: fields[3])
        }
    }

    /// Splits on scalars, not Characters: Swift would read "\r\n" as one Character.
    static func records(_ csv: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var iterator = csv.unicodeScalars.makeIterator()
        var pending = iterator.next()
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        while let c = pending {
            pending = iterator.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": endField()
            case "\n":
                endField()
                records.append(fields)
                fields = []
            case "\r": continue
            default: field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append(fields)
        }
        return records
    }
}

/// The complaint head's 10-fold cross-validation split, as the training script defines it: the
/// annotated rows sorted by (label, FNV-1a of the tweet id, tweet id) and dealt round-robin. Stated
/// on the data alone, not a library's shuffler, so Swift recomputes the same folds.
public enum TriageComplaintFolds {
    public static let count = 10

    /// The fold (0..<count) of each row, in the rows' order.
    public static func folds(of rows: [TriageComplaintRow]) -> [Int] {
        let keys = rows.map { (label: $0.isComplaint ? 1 : 0, hash: FNV1a.start.bytes($0.tweetID.utf8).value, id: Array($0.tweetID.utf8)) }
        let order = rows.indices.sorted { a, b in
            let x = keys[a]
            let y = keys[b]
            if x.label != y.label { return x.label < y.label }
            if x.hash != y.hash { return x.hash < y.hash }
            return x.id.lexicographicallyPrecedes(y.id)
        }
        var folds = [Int](repeating: 0, count: rows.count)
        for (rank, i) in order.enumerated() { folds[i] = rank % count }
        return folds
    }
}
