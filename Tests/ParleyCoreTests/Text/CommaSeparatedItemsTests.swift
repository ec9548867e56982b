import Testing
import ParleyCore

@Suite("Comma-separated items typed by a person")
struct CommaSeparatedItemsTests {
    @Test func itemsAreTrimmedAndEmptyOnesDropped() {
        #expect(" billing, lang:es ,,  ,refund ".commaSeparatedItems == ["billing", "lang:es", "refund"])
    }

    @Test func anInnerSpaceStaysPartOfItsItem() {
        #expect("late delivery, broken box".commaSeparatedItems == ["late delivery", "broken box"])
    }

    @Test func nothingButSeparatorsIsNoItems() {
        #expect(", , ,".commaSeparatedItems.isEmpty)
        #expect("".commaSeparatedItems.isEmpty)
    }
}
