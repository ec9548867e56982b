import Testing

@testable import ParleyX

@Suite struct XUnitPricesTests {
    @Test func payPerUsePricesInMicrodollars() {
        let prices = XUnitPrices.payPerUse
        #expect(prices.price(of: .postRead) == 5_000)
        #expect(prices.price(of: .userRead) == 10_000)
        #expect(prices.price(of: .dmEventRead) == 10_000)
        #expect(prices.price(of: .postCreate) == 15_000)
        #expect(prices.price(of: .dmCreate) == 15_000)
        #expect(prices.price(of: .ownedRead) == 1_000)
        #expect(Set(prices.microdollars.keys) == Set(XResource.allCases), "every resource has a price")
    }

    @Test func costIsTheSumOfCountTimesPrice() {
        let page = XUsage([.postRead: 100, .userRead: 177])
        #expect(XUnitPrices.payPerUse.cost(of: page) == 100 * 5_000 + 177 * 10_000)
        #expect(XUnitPrices.payPerUse.cost(of: XUsage([.dmCreate: 3, .ownedRead: 2])) == 47_000)
        #expect(XUnitPrices.payPerUse.cost(of: .none) == 0)
    }

    @Test func aResourceWithoutAPriceCostsNothing() {
        let prices = XUnitPrices(microdollars: [.postRead: 7])
        #expect(prices.cost(of: XUsage([.postRead: 2, .userRead: 50])) == 14)
    }

    @Test func parseOverridesNamedResourcesAndKeepsTheRest() throws {
        let prices = try XUnitPrices.parse("post_read=0.004,user_read=0.01")
        #expect(prices.price(of: .postRead) == 4_000)
        #expect(prices.price(of: .userRead) == 10_000)
        #expect(prices.price(of: .postCreate) == 15_000)
        #expect(prices.price(of: .ownedRead) == 1_000)
    }

    @Test func parseToleratesSpacesAndEmptyPairs() throws {
        let prices = try XUnitPrices.parse(" dm_create = 0.02 , ,owned_read=0,")
        #expect(prices.price(of: .dmCreate) == 20_000)
        #expect(prices.price(of: .ownedRead) == 0)
        #expect(try XUnitPrices.parse("") == .payPerUse)
    }

    @Test func parseRoundsToTheNearestMicrodollar() throws {
        #expect(try XUnitPrices.parse("post_read=0.0045").price(of: .postRead) == 4_500)
        #expect(try XUnitPrices.parse("post_read=0.0000014").price(of: .postRead) == 1)
        #expect(try XUnitPrices.parse("post_read=1e-3").price(of: .postRead) == 1_000)
        #expect(try XUnitPrices.parse("post_read=0.015").price(of: .postRead) == 15_000, "not 14999")
    }

    @Test func parseLaterPairsWin() throws {
        #expect(try XUnitPrices.parse("post_read=0.001,post_read=0.002").price(of: .postRead) == 2_000)
    }

    @Test func parseOverAnotherBase() throws {
        let base = XUnitPrices(microdollars: [.userRead: 1])
        let prices = try XUnitPrices.parse("post_read=0.5", over: base)
        #expect(prices == XUnitPrices(microdollars: [.userRead: 1, .postRead: 500_000]))
    }

    @Test(arguments: [
        "post_read", "post_read=", "=0.005", "posts=0.005", "POST_READ=0.005", "post_read=abc", "post_read=-0.001",
        "post_read=1000", "post_read=nan", "post_read=inf", "post_read=0.005;user_read=0.01", "post_read=$0.005",
    ])
    func parseRejects(text: String) {
        #expect(throws: XUnitPricesError.self) { try XUnitPrices.parse(text) }
    }

    @Test func parseErrorsNameThePairAndWhatWasExpected() {
        #expect(throws: XUnitPricesError.invalid("post_read=abc", expected: "a price in dollars such as 0.005")) {
            try XUnitPrices.parse("user_read=0.01,post_read=abc")
        }
        do {
            _ = try XUnitPrices.parse("posts=1")
            Issue.record("parsed")
        } catch {
            #expect(error.description.contains("'posts=1'"))
            #expect(error.description.contains("post_read, user_read, dm_event_read, post_create, dm_create, owned_read"))
        }
    }
}

@Suite struct XUsageTests {
    @Test func zeroAndNegativeCountsAreDropped() {
        let usage = XUsage([.postRead: 0, .userRead: -2, .dmCreate: 1])
        #expect(usage.counts == [.dmCreate: 1])
        #expect(XUsage([.postRead: 0]).isEmpty)
        #expect(XUsage([.postRead: 0]) == .none)
        #expect(!usage.isEmpty)
    }

    @Test func subscriptIsZeroForResourcesNotUsed() {
        let usage = XUsage([.postRead: 3])
        #expect(usage[.postRead] == 3)
        #expect(usage[.userRead] == 0)
    }

    @Test func additionMergesCounts() {
        let sum = XUsage([.postRead: 3, .userRead: 2]) + XUsage([.postRead: 4, .ownedRead: 1]) + .none
        #expect(sum == XUsage([.postRead: 7, .userRead: 2, .ownedRead: 1]))
        #expect(XUsage([.postRead: 2]) + XUsage([.postRead: -2]) == XUsage([.postRead: 2]), "a negative count never enters")
    }

    /// Writes (posts, DMs, moderation) are never paused by a budget; everything else is a read.
    @Test func onlyWritesAreNotReads() {
        #expect(XResource.allCases.filter { !$0.isRead } == [.postCreate, .dmCreate, .userInteraction, .contentManage])
        #expect(XResource.postRead < XResource.ownedRead)
        #expect(XResource.allCases.sorted() == XResource.allCases)
    }
}
