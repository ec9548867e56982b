import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Debian's `chromium` and `chromium-driver` (`Scripts/ci/install-chromium.sh`), found on PATH.
/// Locally the browser suites skip without them; under `CI=true` they run and fail, naming the script.
enum Chromium {
    static let browser = executable(named: "chromium")
    static let driver = executable(named: "chromedriver")
    static let installed = browser != nil && driver != nil
    static let enabled = installed || TestDatabases.isCI

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func require() throws -> (browser: String, driver: String) {
        guard let browser, let driver else {
            throw Missing(description:
                "CI=true but `chromium` and `chromedriver` are not both on PATH: the browser tests cannot run. "
                + "Install them with Scripts/ci/install-chromium.sh (Debian's chromium and chromium-driver).")
        }
        return (browser, driver)
    }
}

/// Starts `chromedriver` on a free port, opens a headless Chromium session with a fresh profile,
/// runs `body`, then quits the session and stops chromedriver, whatever `body` did. When `body`
/// throws, a screenshot of the page goes to the temporary directory and its path to stderr.
func withBrowser<T>(_ body: (WebDriver) async throws -> T) async throws -> T {
    let tools = try Chromium.require()
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }

    let server = try await ChromeDriverProcess.start(driver: tools.driver, log: work.appendingPathComponent("chromedriver.log"))
    let driver: WebDriver
    do {
        driver = try await WebDriver.newSession(
            on: server.baseURL, browser: tools.browser, profile: work.appendingPathComponent("profile").path)
    } catch {
        await server.stop()
        let log = (try? String(contentsOf: work.appendingPathComponent("chromedriver.log"), encoding: .utf8)) ?? ""
        throw Chromium.Missing(description: "Could not start headless Chromium: \(error)\nchromedriver log:\n\(log.suffix(2000))")
    }
    do {
        let result = try await body(driver)
        await driver.quit()
        await server.stop()
        return result
    } catch {
        if let png = try? await driver.screenshot() {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browser-failure-\(UUID().uuidString).png")
            if (try? png.write(to: file)) != nil {
                let url = (try? await driver.currentURL()) ?? "?"
                FileHandle.standardError.write(Data("browser test failed on \(url); screenshot: \(file.path)\n".utf8))
            }
        }
        await driver.quit()
        await server.stop()
        throw error
    }
}

/// A `chromedriver` child process listening on 127.0.0.1.
struct ChromeDriverProcess: Sendable {
    let process: Process
    let baseURL: String

    static func start(driver: String, log: URL) async throws -> ChromeDriverProcess {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        var lastError: any Error = Chromium.Missing(description: "chromedriver did not start")
        for _ in 0..<3 {
            let port = try await freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: driver)
            process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let server = ChromeDriverProcess(process: process, baseURL: "http://127.0.0.1:\(port)")
            do {
                try await server.waitUntilReady()
                return server
            } catch {
                lastError = error
                await server.stop()
            }
        }
        throw lastError
    }

    /// Polls `GET /status` until chromedriver says it is ready (a few hundred milliseconds).
    func waitUntilReady(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw Chromium.Missing(description: "chromedriver exited at start (status \(process.terminationStatus))") }
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/status"), timeout: .seconds(1)),
                response.status == .ok,
                let body = try? await response.body.collect(upTo: 1 << 20),
                case .object(let status)? = try? JSONDecoder().decode(JSON.self, from: Data(buffer: body)),
                status["value"]?["ready"] == .bool(true)
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Chromium.Missing(description: "chromedriver at \(baseURL) was not ready within \(timeout)")
    }

    /// Asks chromedriver to exit (`GET /shutdown`), then SIGTERM, then SIGKILL; always reaped.
    func stop() async {
        if process.isRunning {
            _ = try? await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/shutdown"), timeout: .seconds(2))
        }
        for signal in [SIGTERM, SIGKILL] {
            for _ in 0..<50 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { kill(process.processIdentifier, signal) }
        }
        process.waitUntilExit()
    }

    /// A port nothing listens on right now: bind port 0 on loopback, read it, close.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw Chromium.Missing(description: "no free port on 127.0.0.1") }
        return port
    }
}
