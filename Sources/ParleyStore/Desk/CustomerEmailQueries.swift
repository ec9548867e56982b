import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// E-mail addresses agents confirmed for X customers: a person's X cases and the cases their
/// address opened by e-mail are one customer's on the card.
public struct CustomerEmailQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// True when the address was new for the customer.
    @discardableResult
    public func confirm(customerID: UUID, address: String, by actor: UUID?, at: Date) async throws -> Bool {
        let sql = try database.requireSQL()
        let before = try await addresses(of: customerID)
        try await sql.insert(into: "customer_emails").columns("customer_id", "address", "confirmed_by", "confirmed_at")
            .values(SQLBind(customerID), SQLBind(address.lowercased()), SQLBind(actor), SQLBind(at))
            .ignoringConflicts(with: ["customer_id", "address"]).run()
        return !before.contains(address.lowercased())
    }

    public func addresses(of customerID: UUID) async throws -> [String] {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT address FROM customer_emails WHERE customer_id = \(SQLValues(sql).uuid(customerID)) ORDER BY address")
            .all().map { try $0.decode(column: "address", as: String.self) }
    }

    /// Every id `customer` goes by: itself, the e-mail identities of the addresses confirmed for
    /// it, and (for an e-mail identity) the X customers its address was confirmed for.
    public func identities(of customer: Customer) async throws -> [UUID] {
        var ids = [customer.id]
        if let address = CustomerIdentity.address(of: customer.xUserID) {
            let sql = try database.requireSQL()
            ids += try await sql.raw("SELECT customer_id FROM customer_emails WHERE address = \(bind: address) ORDER BY customer_id")
                .all().map { try $0.decode(column: "customer_id", as: UUID.self) }
        } else {
            ids += try await addresses(of: customer.id).map { StableID.make("customer", CustomerIdentity.email($0)) }
        }
        return ids
    }
}
