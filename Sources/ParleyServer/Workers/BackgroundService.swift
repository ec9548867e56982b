import Logging
import Vapor

/// Runs a long-lived job (the X connector) from boot until the application stops.
struct BackgroundService: LifecycleHandler {
    let name: String
    let run: @Sendable () async -> Void
    private let task = TaskBox()

    init(name: String, run: @escaping @Sendable () async -> Void) {
        self.name = name
        self.run = run
    }

    func didBootAsync(_ application: Application) async throws {
        let run = self.run
        Logger(label: "parley.worker.\(name)").info("started")
        task.set(Task { await run() })
    }

    func shutdownAsync(_ application: Application) async {
        await task.cancelAndWait()
    }
}
