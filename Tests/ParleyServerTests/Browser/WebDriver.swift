import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// JSON as WebDriver sends and receives it.
enum JSON: Sendable, Equatable, Codable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(arrayLiteral elements: JSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSON)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { return value } else { return nil } }
    var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }
    var number: Double? { if case .number(let value) = self { return value } else { return nil } }
    var array: [JSON]? { if case .array(let value) = self { return value } else { return nil } }
}

/// WebDriver's key codes for keys that are not characters (W3C WebDriver, "Keyboard actions").
/// They are plain strings, so they mix with text: `driver.press(Key.tab)`, `element.type("hi" + Key.enter)`.
enum Key {
    static let backspace = "\u{E003}"
    static let tab = "\u{E004}"
    static let enter = "\u{E007}"
    static let shift = "\u{E008}"
    static let control = "\u{E009}"
    static let alt = "\u{E00A}"
    static let escape = "\u{E00C}"
    static let space = "\u{E00D}"
    static let arrowLeft = "\u{E012}"
    static let arrowUp = "\u{E013}"
    static let arrowRight = "\u{E014}"
    static let arrowDown = "\u{E015}"
    static let meta = "\u{E03D}"
}

/// An error WebDriver answered (`{"value":{"error","message"}}`), or a condition that never held.
struct WebDriverError: Error, CustomStringConvertible {
    var description: String
}

/// A small W3C WebDriver client: one session, commands as JSON over HTTP (AsyncHTTPClient).
/// Tests act as a person would (click, keys); `execute` is for reading state to assert on.
struct WebDriver: Sendable {
    /// `http://127.0.0.1:PORT/session/ID`.
    let session: String
    /// The browser's process id, to stop it if chromedriver cannot.
    let browserPID: Int32?

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    static func newSession(on baseURL: String, browser: String, profile: String) async throws -> WebDriver {
        let options: JSON = [
            "binary": .string(browser),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                .string("--user-data-dir=\(profile)"), "--no-first-run", "--no-default-browser-check",
            ],
        ]
        let capabilities: JSON = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]]
        let value = try await Self.send(.POST, baseURL + "/session", capabilities, timeout: .seconds(60))
        guard let id = value["sessionId"]?.string else { throw WebDriverError(description: "no session id in \(value)") }
        let pid = value["capabilities"]?["goog:processID"]?.number.map { Int32($0) }
        let driver = WebDriver(session: baseURL + "/session/" + id, browserPID: pid)
        _ = try await driver.command(.POST, "/timeouts", ["script": 10_000, "pageLoad": 20_000, "implicit": 0])
        return driver
    }

    /// Ends the session (Chromium exits); if chromedriver does not answer, stops the browser itself.
    func quit() async {
        do {
            _ = try await Self.send(.DELETE, session, nil, timeout: .seconds(10))
        } catch {
            if let browserPID { kill(browserPID, SIGTERM) }
        }
    }

    // MARK: Commands

    @discardableResult
    func command(_ method: HTTPMethod, _ path: String, _ body: JSON? = nil) async throws -> JSON {
        try await Self.send(method, session + path, body ?? (method == .POST ? [:] : nil), timeout: .seconds(30))
    }

    static func send(_ method: HTTPMethod, _ url: String, _ body: JSON?, timeout: TimeAmount) async throws -> JSON {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let decoded = (try? JSONDecoder().decode(JSON.self, from: Data(buffer: bytes))) ?? .null
        let value = decoded["value"] ?? .null
        guard response.status == .ok else {
            let name = value["error"]?.string ?? "HTTP \(response.status.code)"
            let message = value["message"]?.string.map { String($0.prefix(400)) } ?? ""
            throw WebDriverError(description: "WebDriver \(method) \(url.split(separator: "/").suffix(2).joined(separator: "/")): \(name): \(message)")
        }
        return value
    }

    // MARK: Navigation

    func navigate(to url: String) async throws {
        try await command(.POST, "/url", ["url": .string(url)])
    }

    func currentURL() async throws -> String {
        try await command(.GET, "/url").string ?? ""
    }

    /// The path of the current page (`/inbox`), without query.
    func currentPath() async throws -> String {
        URLComponents(string: try await currentURL())?.path ?? ""
    }

    func refresh() async throws {
        try await command(.POST, "/refresh")
    }

    func title() async throws -> String {
        try await command(.GET, "/title").string ?? ""
    }

    // MARK: Elements

    /// The first element matching `css`; throws if there is none.
    func find(_ css: String) async throws -> Element {
        let value = try await command(.POST, "/element", ["using": "css selector", "value": .string(css)])
        return try element(from: value)
    }

    func findAll(_ css: String) async throws -> [Element] {
        let value = try await command(.POST, "/elements", ["using": "css selector", "value": .string(css)])
        return try (value.array ?? []).map(element(from:))
    }

    /// The element that has the keyboard focus.
    func activeElement() async throws -> Element {
        try element(from: try await command(.GET, "/element/active"))
    }

    func element(from value: JSON) throws -> Element {
        guard let id = value[Self.elementKey]?.string else { throw WebDriverError(description: "not an element: \(value)") }
        return Element(driver: self, id: id)
    }

    // MARK: Keyboard (the Actions API: keys pressed on the page, wherever the focus is)

    /// Presses and releases each character of `keys` in turn, on whatever has the focus: text,
    /// single-letter shortcuts (`press("j")`) and `Key` codes (`press(Key.tab)`).
    func press(_ keys: String) async throws {
        var actions: [JSON] = []
        for scalar in keys.unicodeScalars {
            actions.append(["type": "keyDown", "value": .string(String(scalar))])
            actions.append(["type": "keyUp", "value": .string(String(scalar))])
        }
        try await perform(actions)
    }

    /// Presses `key` `count` times.
    func press(_ key: String, times count: Int) async throws {
        try await press(String(repeating: key, count: count))
    }

    /// Holds `modifiers` (`Key.control`, `Key.shift`…) while pressing `key`: `chord([Key.control], Key.enter)`.
    func chord(_ modifiers: [String], _ key: String) async throws {
        var actions: [JSON] = modifiers.map { ["type": "keyDown", "value": .string($0)] }
        actions.append(["type": "keyDown", "value": .string(key)])
        actions.append(["type": "keyUp", "value": .string(key)])
        actions += modifiers.reversed().map { ["type": "keyUp", "value": .string($0)] }
        try await perform(actions)
    }

    private func perform(_ keyActions: [JSON]) async throws {
        try await command(.POST, "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": .array(keyActions)]]])
        try await command(.DELETE, "/actions")
    }

    /// Presses Tab (at most `limit` times) until the focused element matches `css`; returns it.
    /// Fails when the focus never gets there: the element is missing or not reachable by keyboard.
    @discardableResult
    func tab(to css: String, limit: Int = 40) async throws -> Element {
        for _ in 0..<limit {
            try await press(Key.tab)
            let focused = try await activeElement()
            if try await focused.matches(css) { return focused }
        }
        throw WebDriverError(description: "\(limit) presses of Tab never focused `\(css)` on \(try await currentURL())")
    }

    // MARK: Scripts (for reading state in assertions, never for acting)

    @discardableResult
    func execute(_ script: String, _ arguments: [JSON] = []) async throws -> JSON {
        try await command(.POST, "/execute/sync", ["script": .string(script), "args": .array(arguments)])
    }

    // MARK: Waiting

    /// Polls `condition` until it holds; fails with `description` after `timeout` (generous: it
    /// returns as soon as the condition holds, and CI runs other suites on the same two cores).
    func waitUntil(
        _ description: String, timeout: Duration = .seconds(10), poll: Duration = .milliseconds(50),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while true {
            do {
                if try await condition() { return }
                lastError = nil
            } catch {
                lastError = error
            }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: poll)
        }
        let page = (try? await currentURL()) ?? "?"
        throw WebDriverError(description: "timed out after \(timeout) waiting until \(description) on \(page)"
            + (lastError.map { " (last error: \($0))" } ?? ""))
    }

    /// Waits for an element matching `css` and returns it.
    @discardableResult
    func waitFor(_ css: String, timeout: Duration = .seconds(10)) async throws -> Element {
        var found: Element?
        try await waitUntil("`\(css)` exists", timeout: timeout) {
            found = try await findAll(css).first
            return found != nil
        }
        return found!
    }

    /// Waits until the page's path is `path` (after a navigation the test caused).
    func waitForPath(_ path: String, timeout: Duration = .seconds(10)) async throws {
        try await waitUntil("the page is \(path)", timeout: timeout) { try await currentPath() == path }
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let base64 = try await command(.GET, "/screenshot").string, let data = Data(base64Encoded: base64) else {
            throw WebDriverError(description: "no screenshot")
        }
        return data
    }
}

/// An element of the current page.
struct Element: Sendable, Equatable {
    let driver: WebDriver
    let id: String

    static func == (a: Element, b: Element) -> Bool { a.id == b.id }

    @discardableResult
    private func command(_ method: HTTPMethod, _ path: String, _ body: JSON? = nil) async throws -> JSON {
        try await driver.command(method, "/element/\(id)" + path, body)
    }

    func click() async throws { try await command(.POST, "/click") }

    func clear() async throws { try await command(.POST, "/clear") }

    /// Focuses the element and types `text` into it (characters and `Key` codes).
    func type(_ text: String) async throws { try await command(.POST, "/value", ["text": .string(text)]) }

    /// The rendered text, as a person sees it.
    func text() async throws -> String { try await command(.GET, "/text").string ?? "" }

    func attribute(_ name: String) async throws -> String? { try await command(.GET, "/attribute/\(name)").string }

    func property(_ name: String) async throws -> JSON { try await command(.GET, "/property/\(name)") }

    func tagName() async throws -> String { try await command(.GET, "/name").string ?? "" }

    func find(_ css: String) async throws -> Element {
        try driver.element(from: try await command(.POST, "/element", ["using": "css selector", "value": .string(css)]))
    }

    func findAll(_ css: String) async throws -> [Element] {
        try (try await command(.POST, "/elements", ["using": "css selector", "value": .string(css)]).array ?? [])
            .map(driver.element(from:))
    }

    /// Whether the element matches `css` (`Element.matches` in the page).
    func matches(_ css: String) async throws -> Bool {
        try await driver.execute("return arguments[0].matches(arguments[1]);", [reference, .string(css)]).bool ?? false
    }

    /// The element as a script argument.
    var reference: JSON { .object([WebDriver.elementKey: .string(id)]) }
}
