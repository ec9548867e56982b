import Foundation

/// Background work that any process may do, once: a row in the jobs table, leased by one worker
/// at a time, retried with back-off until it succeeds or runs out of attempts.
public struct Job: Sendable, Equatable {
    public var id: UUID
    public var kind: JobKind
    /// The work's input, as the kind's handler reads it (JSON).
    public var payload: String
    public var dueAt: Date
    public var state: JobState
    /// Tries so far, this one included once leased.
    public var attempts: Int
    public var maxAttempts: Int
    /// Jobs with the same key are one job: enqueueing it again does nothing.
    public var idempotencyKey: String?
    public var lastError: String?
    public var createdAt: Date

    public init(
        id: UUID, kind: JobKind, payload: String, dueAt: Date, state: JobState = .queued, attempts: Int = 0,
        maxAttempts: Int = JobRetry.defaultMaxAttempts, idempotencyKey: String? = nil, lastError: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.dueAt = dueAt
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.idempotencyKey = idempotencyKey
        self.lastError = lastError
        self.createdAt = createdAt
    }
}

/// What a job does. A new kind needs a handler in the job runner, and no migration.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    /// Tell the alert webhook that a case breached its SLA.
    case slaAlert = "sla_alert"
    /// Tell the escalation list that crisis mode went on or off.
    case crisisNotice = "crisis_notice"
    /// Tell the alert webhook that a volume series spiked.
    case spikeAlert = "spike_alert"
    /// E-mail the escalation list (a spike alert, crisis mode on or off).
    case escalationEmail = "escalation_email"
    /// E-mail a customer about their case (the support form's acknowledgement).
    case supportEmail = "support_email"
    /// Send a resolved case's satisfaction survey (after the configured delay).
    case csatSurvey = "csat_survey"
}

public enum JobState: String, Sendable, Codable, CaseIterable {
    case queued
    case running
    case done
    /// Out of attempts; kept with its last error for an operator.
    case failed
}
