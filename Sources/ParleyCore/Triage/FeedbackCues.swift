import Foundation

/// What a message tells the product team: a bug report (something is broken, crashes, errors)
/// or a suggestion (add this, bring that back, please let us…).
public enum FeedbackKind: String, Sendable, Codable, CaseIterable {
    case bug, suggestion
}

/// Bug reports and suggestions by their wording: the phrases customers use for each, chosen on
/// the development half of the hand-labelled IBM posts (EVALUATION.md). A suggestion's wording
/// wins over a bug's ("it crashes, please add a retry button" asks for something).
public enum FeedbackCues {
    static let suggestion = [
        "please add", "pls add", "can you add", "could you add", "can you please add", "would be great if", "would be nice if",
        "would be great to", "would be nice to", "it'd be nice", "would love to see", "would love a", "feature request",
        "bring back", "please bring", "add an option", "add a feature", "add support for", "an option to", "the ability to",
        "give us the ability", "you should add", "should add", "why not add", "please make it", "can you make it",
        "could you make it", "please provide", "consider adding", "any plans to", "i wish you", "i wish there", "wish there was",
        "wish it had", "please allow", "let us ", "need a way to", "needs a way to", "make it easier", "why can't you",
        "why cant you", "put up", "get rid of", "go back to the old", "please put",
    ]
    static let bug = [
        "crash", "bug", "glitch", "broken", "error", "not working", "isn't working", "isnt working", "doesn't work",
        "doesnt work", "won't load", "wont load", "not loading", "won't open", "wont open", "keeps freezing", "freezes",
        "freezing", "frozen", "stuck on", "fails to", "failed to", "failing", "black screen", "keeps saying", "keeps kicking",
        "keeps disconnecting", "disconnect", "can't connect", "cant connect", "cannot connect", "won't play", "wont play",
        "not responding", "lagging", "lags", "stopped working", "no longer works", "something went wrong", "went wrong",
        "is down", "outage", "not showing", "isn't showing", "disappeared", "not syncing", "won't sync", "wont sync",
        "won't download", "wont download", "won't update", "wont update", "won't install", "wont install", "loading screen",
        "bsod", "refuses to", "fix", "not letting me", "it only", "drains", "slower", "keeps resetting", "resetting",
        "having issues", "having problems", "still having", "issue with", "happens every", "every time i", "whenever i",
        "when i try to", "it says", "message shows", "doesn't allow", "does not allow", "won't let me", "wont let me",
        "not appearing", "aren't appearing", "update", "loses", "cpu", "vulnerab",
    ]

    public static func kind(of text: String) -> FeedbackKind? {
        let lower = " " + text.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        if suggestion.contains(where: { lower.contains($0) }) { return .suggestion }
        if bug.contains(where: { lower.contains($0) }) { return .bug }
        return nil
    }
}
