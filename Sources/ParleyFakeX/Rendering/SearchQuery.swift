/// X's search and filtered-stream rule language, the part Parley uses: terms (case-insensitive
/// whole words), "quoted phrases", #hashtags, @mentions, `from:`, `to:`, `is:retweet`, `is:reply`,
/// `is:quote`, `lang:`, `conversation_id:`, `-` negation, implicit AND, `OR`, and parentheses.
/// AND binds tighter than OR, as X documents.
indirect enum SearchQuery: Equatable, Sendable {
    case word(String)
    case phrase([String])
    case hashtag(String)
    case mention(String)
    case from(String)
    case to(String)
    case isRetweet, isReply, isQuote
    case lang(String)
    case conversation(String)
    case not(SearchQuery)
    case all([SearchQuery])
    case any([SearchQuery])

    struct ParseError: Error, Equatable {
        var message: String
    }

    static func parse(_ text: String) throws(ParseError) -> SearchQuery {
        var parser = Parser(tokens: try tokenize(text))
        guard !parser.tokens.isEmpty else { throw ParseError(message: "Query must not be empty") }
        let query = try parser.parseOr()
        if parser.index < parser.tokens.count {
            throw ParseError(message: "no viable alternative at input '\(parser.tokens[parser.index].text)'")
        }
        guard query.hasPositiveClause else {
            throw ParseError(message: "Rules must contain at least one positive, non-stopword clause")
        }
        return query
    }

    func matches(_ s: SearchSubject) -> Bool {
        switch self {
        case .word(let w): return s.words.contains(w)
        case .phrase(let words):
            guard !words.isEmpty, words.count <= s.words.count else { return words.isEmpty }
            return (0...(s.words.count - words.count)).contains { Array(s.words[$0..<($0 + words.count)]) == words }
        case .hashtag(let tag): return s.hashtags.contains(tag)
        case .mention(let name): return s.mentions.contains(name)
        case .from(let who): return s.authorUsername == who || s.authorID == who
        case .to(let who): return s.inReplyToUsername == who || s.inReplyToUserID == who
        case .isRetweet: return s.isRetweet
        case .isReply: return s.isReply
        case .isQuote: return s.isQuote
        case .lang(let lang): return s.lang == lang
        case .conversation(let id): return s.conversationID == id
        case .not(let q): return !q.matches(s)
        case .all(let qs): return qs.allSatisfy { $0.matches(s) }
        case .any(let qs): return qs.contains { $0.matches(s) }
        }
    }

    private var hasPositiveClause: Bool {
        switch self {
        case .not: return false
        case .all(let qs): return qs.contains(where: \.hasPositiveClause)
        case .any(let qs): return qs.allSatisfy(\.hasPositiveClause)
        default: return true
        }
    }

    private struct Token {
        enum Kind { case open, close, or, atom, phrase }
        var kind: Kind
        var text: String
        var negated: Bool
    }

    private static func tokenize(_ text: String) throws(ParseError) -> [Token] {
        var tokens: [Token] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c.isWhitespace {
                chars.removeFirst()
                continue
            }
            var negated = false
            if c == "-" {
                negated = true
                chars.removeFirst()
                guard let next = chars.first, !next.isWhitespace else {
                    throw ParseError(message: "no viable alternative at input '-'")
                }
            }
            guard let head = chars.first else { break }
            if head == "(" {
                chars.removeFirst()
                tokens.append(Token(kind: .open, text: "(", negated: negated))
            } else if head == ")" {
                if negated { throw ParseError(message: "no viable alternative at input '-)'") }
                chars.removeFirst()
                tokens.append(Token(kind: .close, text: ")", negated: false))
            } else if head == "\"" {
                chars.removeFirst()
                guard let end = chars.firstIndex(of: "\"") else {
                    throw ParseError(message: "mismatched input '\"' expecting a closing quote")
                }
                tokens.append(Token(kind: .phrase, text: String(chars[..<end]), negated: negated))
                chars = chars[(end + 1)...]
            } else {
                let end = chars.firstIndex { $0.isWhitespace || $0 == "(" || $0 == ")" } ?? chars.endIndex
                let atom = String(chars[..<end])
                chars = chars[end...]
                tokens.append(Token(kind: atom == "OR" && !negated ? .or : .atom, text: atom, negated: negated))
            }
        }
        return tokens
    }

    private struct Parser {
        var tokens: [Token]
        var index = 0

        mutating func parseOr() throws(ParseError) -> SearchQuery {
            var branches = [try parseAnd()]
            while index < tokens.count, tokens[index].kind == .or {
                index += 1
                branches.append(try parseAnd())
            }
            return branches.count == 1 ? branches[0] : .any(branches)
        }

        mutating func parseAnd() throws(ParseError) -> SearchQuery {
            var clauses: [SearchQuery] = []
            while index < tokens.count, tokens[index].kind != .or, tokens[index].kind != .close {
                clauses.append(try parseUnary())
            }
            guard !clauses.isEmpty else {
                let at = index < tokens.count ? tokens[index].text : "<EOF>"
                throw ParseError(message: "no viable alternative at input '\(at)'")
            }
            return clauses.count == 1 ? clauses[0] : .all(clauses)
        }

        mutating func parseUnary() throws(ParseError) -> SearchQuery {
            let token = tokens[index]
            index += 1
            let clause: SearchQuery
            switch token.kind {
            case .open:
                clause = try parseOr()
                guard index < tokens.count, tokens[index].kind == .close else {
                    throw ParseError(message: "missing ')' at '<EOF>'")
                }
                index += 1
            case .phrase:
                clause = .phrase(SearchSubject.words(of: token.text))
            case .atom:
                clause = try SearchQuery.atom(token.text)
            case .close, .or:
                throw ParseError(message: "no viable alternative at input '\(token.text)'")
            }
            return token.negated ? .not(clause) : clause
        }
    }

    private static func atom(_ text: String) throws(ParseError) -> SearchQuery {
        let lower = text.lowercased()
        if lower.hasPrefix("@"), lower.count > 1 { return .mention(String(lower.dropFirst())) }
        if lower.hasPrefix("#"), lower.count > 1 { return .hashtag(String(lower.dropFirst())) }
        if let colon = lower.firstIndex(of: ":"), colon != lower.startIndex,
            lower[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }), !lower.contains("//")
        {
            let value = String(lower[lower.index(after: colon)...])
            let name = String(lower[..<colon])
            guard !value.isEmpty else { throw ParseError(message: "Operator '\(name)' needs a value") }
            switch name {
            case "from": return .from(value.hasPrefix("@") ? String(value.dropFirst()) : value)
            case "to": return .to(value.hasPrefix("@") ? String(value.dropFirst()) : value)
            case "lang": return .lang(value)
            case "conversation_id": return .conversation(value)
            case "is":
                switch value {
                case "retweet": return .isRetweet
                case "reply": return .isReply
                case "quote": return .isQuote
                default: throw ParseError(message: "Reference to invalid operator 'is:\(value)'")
                }
            default: throw ParseError(message: "Reference to invalid operator '\(name)'")
            }
        }
        let words = SearchSubject.words(of: lower)
        switch words.count {
        case 0: throw ParseError(message: "no viable alternative at input '\(text)'")
        case 1: return .word(words[0])
        default: return .phrase(words)
        }
    }
}

/// What a query looks at in one post, lowercased.
struct SearchSubject {
    var words: [String]
    var hashtags: Set<String>
    var mentions: Set<String>
    var authorID: String
    var authorUsername: String
    var inReplyToUserID: String
    var inReplyToUsername: String
    var isRetweet: Bool
    var isReply: Bool
    var isQuote: Bool
    var lang: String
    var conversationID: String

    init(post: FakeXPost, users: [String: FakeXUser]) {
        let text = post.text.lowercased()
        words = Self.words(of: text)
        hashtags = Self.prefixed("#", in: text)
        mentions = Self.prefixed("@", in: text)
        authorID = post.authorID
        authorUsername = users[post.authorID]?.username.lowercased() ?? ""
        inReplyToUserID = post.inReplyToUserID ?? ""
        inReplyToUsername = post.inReplyToUserID.flatMap { users[$0]?.username.lowercased() } ?? ""
        isRetweet = post.referencedTweets.contains { $0.type == "retweeted" }
        isReply = post.referencedTweets.contains { $0.type == "replied_to" } || post.inReplyToUserID != nil
        isQuote = post.referencedTweets.contains { $0.type == "quoted" }
        lang = post.recordedJSON?["lang"]?.string ?? ""
        conversationID = post.conversationID ?? post.id
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    static func words(of text: String) -> [String] {
        text.lowercased().split { !isWordCharacter($0) }.map(String.init)
    }

    /// `@name` and `#tag` entities: the marker, not preceded by a word character, then word characters.
    static func prefixed(_ marker: Character, in text: String) -> Set<String> {
        var found: Set<String> = []
        let chars = Array(text.lowercased())
        var i = 0
        while i < chars.count {
            if chars[i] == marker, i == 0 || !isWordCharacter(chars[i - 1]) {
                var j = i + 1
                while j < chars.count, isWordCharacter(chars[j]) { j += 1 }
                if j > i + 1 { found.insert(String(chars[(i + 1)..<j])) }
                i = j
            } else {
                i += 1
            }
        }
        return found
    }
}
