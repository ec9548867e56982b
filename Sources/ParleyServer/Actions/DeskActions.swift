import Vapor

/// Every change the desk can make, one type per use case. The web forms, the JSON API, the admin
/// page, the CLI and the background passes all go through these: each checks the domain's rules,
/// writes in one transaction and publishes its change notice; controllers only decode, call and
/// encode.
struct DeskActions: Sendable {
    let context: ActionContext

    init(_ context: ActionContext) {
        self.context = context
    }

    var reply: ReplyAction { ReplyAction(context: context) }
    var assign: AssignAction { AssignAction(context: context) }
    var takeOver: TakeOverAction { TakeOverAction(context: context) }
    var presence: PresenceAction { PresenceAction(context: context) }
    var changeState: ChangeStateAction { ChangeStateAction(context: context) }
    var tag: TagAction { TagAction(context: context) }
    var confirmEmail: ConfirmEmailAction { ConfirmEmailAction(context: context) }
    var note: NoteAction { NoteAction(context: context) }
    var setPriority: SetPriorityAction { SetPriorityAction(context: context) }
    var setTeam: SetTeamAction { SetTeamAction(context: context) }
    var applyMacro: ApplyMacroAction { ApplyMacroAction(context: context) }
    var bulk: BulkChangeAction { BulkChangeAction(context: context) }
    var setStatus: SetStatusAction { SetStatusAction(context: context) }
    var route: RouteCaseAction { RouteCaseAction(context: context) }
    var teams: TeamActions { TeamActions(context: context) }
    var agents: AgentActions { AgentActions(context: context) }
    var routingRules: RoutingRuleActions { RoutingRuleActions(context: context) }
    var slaPolicies: SLAPolicyActions { SLAPolicyActions(context: context) }
    var handleSettings: HandleSettingsActions { HandleSettingsActions(context: context) }
    var templates: TemplateActions { TemplateActions(context: context) }
    var scheduledPosts: ScheduledPostActions { ScheduledPostActions(context: context) }
    var crisis: CrisisActions { CrisisActions(context: context) }
    var alerts: AlertActions { AlertActions(context: context) }
    var incidents: IncidentActions { IncidentActions(context: context) }
    var trolls: TrollActions { TrollActions(context: context) }
    var helpCenter: HelpCenterActions { HelpCenterActions(context: context) }
    var flows: FlowActions { FlowActions(context: context) }
    var supportForm: SupportFormActions { SupportFormActions(context: context) }
    var csat: CSATActions { CSATActions(context: context) }
    var tokens: APITokenActions { APITokenActions(context: context) }
}

extension Request {
    /// Every change the desk can make, as this request's signed-in user makes it.
    var actions: DeskActions { DeskActions(ActionContext(services: application.parleyServices, database: db)) }
}

extension Application {
    /// Every change the desk can make, over the application's database (the CLI, background passes).
    var actions: DeskActions { DeskActions(ActionContext(services: parleyServices, database: db)) }
}
