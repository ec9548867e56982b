import ParleyX
import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    let config = app.parleyServices.config
    try app.register(collection: WebhooksController(
        signer: config.x.consumerSecret.map { WebhookSigner(consumerSecret: $0) }, maxBodyBytes: config.maxBodyBytes))
    try app.register(collection: EmailWebhookController(secret: config.desk.inboundEmailSecret, maxBytes: config.desk.maxEmailBytes))

    let api = app.grouped("api", "v1").grouped(BearerAuthenticator(), SessionUserAuthenticator(), RequireUser(), CSRFProtection(), TokenScopeCheck())
    try api.register(collection: ConversationsController())
    try api.register(collection: SearchController())
    try api.register(collection: DeskController())
    try api.register(collection: RoutingRulesController())
    try api.register(collection: SLAController())
    try api.register(collection: HandoffController())
    try api.register(collection: PublishingSettingsController())
    try api.register(collection: CollisionController())
    try api.register(collection: DashboardController.API())
    try api.register(collection: ReportsController())
    try api.register(collection: StaffingController())
    try api.register(collection: TopicsController())
    try api.register(collection: TokensController())
    try api.register(collection: EventsController(maxBodyBytes: app.parleyServices.config.maxBodyBytes))
    try api.register(collection: TemplatesController())
    try api.register(collection: ScheduledPostsController())
    try api.register(collection: ListeningController.API())
    try api.register(collection: IncidentsController())
    try api.register(collection: TrollController.API())
    try api.register(collection: ArticlesController())
    try api.register(collection: FlowsController())
    try api.requiring(.supervisor).register(collection: TemplatesController.Editing())

    // Public: no login, no session form token (a vote is keyed by its SameSite cookie).
    try app.grouped(PublicSessionUser()).register(collection: HelpCenterController())
    try app.grouped(PublicSessionUser()).register(collection: FlowPagesController())
    try app.grouped(PublicSessionUser()).register(collection: SupportFormController())
    try app.register(collection: CSATPageController())

    let web = app.grouped(SessionUserAuthenticator(), CSRFProtection())
    try web.register(collection: AuthController())
    try web.register(collection: XAuthController())
    let signedIn = web.grouped(RequireUser())
    try signedIn.register(collection: InboxController())
    try signedIn.register(collection: DashboardController.Page())
    try signedIn.register(collection: ReportsPageController())
    try signedIn.register(collection: StaffingPageController())
    try signedIn.register(collection: TopicsPageController())
    try signedIn.register(collection: AdminController())
    try signedIn.register(collection: SearchPageController())
    try signedIn.register(collection: CalendarController())
    try signedIn.register(collection: ListeningController.Page())
    try signedIn.register(collection: IncidentPageController())
    try signedIn.register(collection: HelpAdminController())
    try signedIn.register(collection: FlowAdminController())
    try signedIn.register(collection: TrollController.Forms())
    try signedIn.register(collection: LiveController())
}
