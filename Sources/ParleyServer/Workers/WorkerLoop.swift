import Synchronization
import Foundation
import Logging
import Vapor

/// Runs a worker's `runOnce` again and again until the application stops: at once while there is
/// work, after `idle` when there was none, after a back-off when it failed.
struct WorkerLoop: LifecycleHandler {
    let name: String
    let idle: Duration
    let step: @Sendable () async throws -> Bool
    private let task = TaskBox()

    init(name: String, idle: Duration, step: @escaping @Sendable () async throws -> Bool) {
        self.name = name
        self.idle = idle
        self.step = step
    }

    func didBootAsync(_ application: Application) async throws {
        let (name, idle, step) = (self.name, self.idle, self.step)
        let logger = Logger(label: "parley.worker.\(name)")
        task.set(Task {
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
        })
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
