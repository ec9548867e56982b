import Synchronization
import Foundation
import Logging
import ParleyStore
import Vapor

/// Runs a worker's `runOnce` again and again until the application stops: at once while there is
/// work, after `idle` when there was none, after a back-off when it failed. With `leadership`,
/// only while this process leads the worker's name (one process at a time runs it).
struct WorkerLoop: LifecycleHandler {
    let name: String
    let idle: Duration
    let leadership: Leadership?
    let step: @Sendable () async throws -> Bool
    private let task = TaskBox()

    init(name: String, idle: Duration, leadership: Leadership? = nil, step: @escaping @Sendable () async throws -> Bool) {
        self.name = name
        self.idle = idle
        self.leadership = leadership
        self.step = step
    }

    func didBootAsync(_ application: Application) async throws {
        let (name, idle, step) = (self.name, self.idle, self.step)
        if let leadership {
            task.set(Task { await leadership.lead(name) { await Self.loop(name: name, idle: idle, step: step) } })
        } else {
            task.set(Task { await Self.loop(name: name, idle: idle, step: step) })
        }
    }

    static func loop(name: String, idle: Duration, step: @Sendable () async throws -> Bool) async {
        let logger = Logger(label: "parley.worker.\(name)")
        var failures = 0
        while !Task.isCancelled {
            do {
                let didWork = try await step()
                failures = 0
                if !didWork { try await Task.sleep(for: idle) }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.error("worker step failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: .seconds(min(30, failures * 2)))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await task.cancelAndWait()
    }
}

/// Holds the loop's task so shutdown can cancel it.
final class TaskBox: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func set(_ newTask: Task<Void, Never>) {
        task.withLock { $0 = newTask }
    }

    func cancelAndWait() async {
        let current = task.withLock { $0 }
        current?.cancel()
        await current?.value
    }
}
