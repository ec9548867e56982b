import Vapor

extension Request {
    /// A redirect to one of the inbox's pages carrying a one-line notice (and any other values the
    /// page needs back) in its query string, each value percent-encoded.
    func redirect(to path: String, notice: String, keeping values: [(key: String, value: String)] = []) -> Response {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        var query = "notice=\(encode(notice))"
        for (key, value) in values { query += "&\(key)=\(encode(value))" }
        return redirect(to: "\(path)?\(query)")
    }

    /// Runs a form's change and goes back to `path` with `done`, or with the refusal's message
    /// (an incomplete form, or what the rules said no to); a failure of the server's own is thrown.
    func formResult(back path: String, done: String, keeping values: [(key: String, value: String)] = [], _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return redirect(to: path, notice: done)
        } catch let error as DecodingError {
            return redirect(to: path, notice: "That form was not complete: \(HTTPError(error).message)", keeping: values)
        } catch {
            guard let refusal = HTTPError.refusal(error) else { throw error }
            return redirect(to: path, notice: refusal.message, keeping: values)
        }
    }
}
