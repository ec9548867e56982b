import FluentKit

/// Every migration, in the order it shipped. `configure`, `parley migrate` and the tests all use
/// this list. A shipped migration is never edited or reordered: fix forward with a new one.
public enum ParleyMigrations {
    public static let all: [any Migration] = [
        CreateHandles(),
        CreateCustomers(),
        CreateConversations(),
        CreateMessages(),
        CreateThreadKeys(),
        CreateJournalEvents(),
        CreateOutbox(),
        CreateUsers(),
        CreateAPITokens(),
        CreateSandboxPosts(),
        CreateSessions(),
        AddTriage(),
        AddXConnector(),
        AddDesk(),
        AddSearch(),
        AddHandleTriageSettings(),
        CreateLeaderLeases(),
        CreateJobs(),
        AddEffectivePriority(),
        AddPublishing(),
        AddListening(),
        AddIncidents(),
        AddHelpCenter(),
        AddTroubleshootingFlows(),
        AddEmailChannel(),
        AddCSAT(),
        AddAgentShifts(),
        AddTokenScopes(),
        AddConversationTimelines(),
    ]
}
