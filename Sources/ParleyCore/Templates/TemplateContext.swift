/// The values a template's placeholders take in one conversation. A nil or blank value is not
/// filled in with anything: rendering a template that needs it fails, naming it.
public struct TemplateContext: Sendable, Hashable {
    public var customerName: String?
    /// Without the "@".
    public var customerUsername: String?
    /// The agent's full name; `{{agent.first_name}}` takes its first word.
    public var agentName: String?
    /// Without the "@": names the handle in errors ("… for @AcmeCare").
    public var handleUsername: String
    public var handleName: String?
    /// The handle's numeric X user id, for `{{dm_link}}`.
    public var handleXUserID: String?
    public var helpURL: String?
    public var expectedWait: String?

    public init(
        customerName: String?, customerUsername: String?, agentName: String?, handleUsername: String,
        handleName: String?, handleXUserID: String?, helpURL: String?, expectedWait: String?
    ) {
        self.customerName = customerName
        self.customerUsername = customerUsername
        self.agentName = agentName
        self.handleUsername = handleUsername
        self.handleName = handleName
        self.handleXUserID = handleXUserID
        self.helpURL = helpURL
        self.expectedWait = expectedWait
    }

    public init(customer: Customer, handle: Handle, agentName: String?, helpURL: String?, expectedWait: String?) {
        self.init(
            customerName: customer.name, customerUsername: customer.username, agentName: agentName,
            handleUsername: handle.username, handleName: handle.name, handleXUserID: handle.xUserID,
            helpURL: helpURL, expectedWait: expectedWait)
    }
}
