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
