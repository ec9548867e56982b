/// Kinds of personal data the detector finds; raw values are the `parley triage` JSON names.
public enum PersonalDataKind: String, Sendable, Codable, CaseIterable {
    case email
    case phone
    case orderNumber = "order_number"
    case accountNumber = "account_number"
    case trackingNumber = "tracking_number"
    case bookingRef = "booking_ref"
    case cardNumber = "card_number"
    case iban
    case address

    /// What a reason or a redaction says, never the value itself.
    public var phrase: String {
        switch self {
        case .email: "an email address"
        case .phone: "a phone number"
        case .orderNumber: "an order number"
        case .accountNumber: "an account number"
        case .trackingNumber: "a tracking number"
        case .bookingRef: "a booking reference"
        case .cardNumber: "a payment card number"
        case .iban: "a bank account (IBAN)"
        case .address: "a postal address"
        }
    }
}

/// One piece of personal data: where it is in UTF-16 offsets (end exclusive), as X's own entity
/// indices are, and how sure the rule that found it is.
public struct PersonalDataHit: Sendable, Equatable, Codable {
    public var kind: PersonalDataKind
    public var start: Int
    public var end: Int
    public var confidence: Double

    public init(kind: PersonalDataKind, start: Int, end: Int, confidence: Double) {
        self.kind = kind
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}
