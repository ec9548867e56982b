import Fluent
import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The desk's parts as one request sees them: over the request's database, with its logger.
struct RequestParley {
    let services: ParleyServices
    let database: any Database

    var effects: Effects { services.effects }
    var hub: LiveHub { services.hub }
    var conversations: ConversationQueries { ConversationQueries(database: database) }
    var outbox: OutboxQueries { OutboxQueries(database: database) }
    var users: UserQueries { UserQueries(database: database) }
    var handles: HandleQueries { HandleQueries(database: database) }
}

extension Request {
    var parley: RequestParley { RequestParley(services: application.parleyServices, database: db) }
}
