import Foundation
import ParleyCore
import ParleyStore

/// The help center's paths, built in one place so links sent to customers stay stable. English
/// is the default language; another language adds `?lang=`.
enum HelpLinks {
    static func home(_ brand: Brand) -> String { "/help/\(brand.slug)" }

    static func category(_ brand: Brand, _ category: HelpCategory) -> String { "/help/\(brand.slug)/categories/\(category.slug)" }

    static func article(_ brand: Brand, _ summary: ArticleSummary) -> String { article(brand, slug: summary.slug, locale: summary.locale) }

    static func article(_ brand: Brand, slug: String, locale: String) -> String {
        "/help/\(brand.slug)/articles/\(slug)" + (locale == "en" ? "" : "?lang=\(locale)")
    }

    static func vote(_ brand: Brand, _ article: ArticleSummary) -> String { "/help/\(brand.slug)/articles/\(article.slug)/vote" }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
    }
}

extension HelpLinks {
    static func flow(_ brand: Brand, _ flow: TroubleshootingFlow) -> String { "/help/\(brand.slug)/flows/\(flow.slug)" }

    static func walk(_ brand: Brand, _ flow: TroubleshootingFlow, _ walkID: UUID, choices: [Int]) -> String {
        self.flow(brand, flow) + "/\(walkID.uuidString.lowercased())" + (choices.isEmpty ? "" : "?p=\(FlowWalk.path(choices))")
    }

    static func shortLink(_ flow: TroubleshootingFlow) -> String { "/f/\(flow.shortCode)" }

    /// The support form, with the walk whose path it shows the agent.
    static func contact(_ brand: Brand, walk: UUID?) -> String {
        "/help/\(brand.slug)/contact" + (walk.map { "?walk=\($0.uuidString.lowercased())" } ?? "")
    }
}
