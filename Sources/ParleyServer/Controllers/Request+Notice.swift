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
}
