using Negotiation.Domain.Planning;

namespace Negotiation.Domain.Tests.Planning;

public class ItemMatcherTests
{
    [Theory]
    [InlineData("two-year term", "they agreed to a two year term")]
    [InlineData("Two-Year Term", "TWO YEAR TERM")]
    [InlineData("two-year term", "sign for two years")]
    [InlineData("net-60 payment terms", "extend payment terms to net 60")]
    [InlineData("multi-year commitment", "they're committing to multi-year")]
    [InlineData("case study", "they'll do a case study next quarter")]
    public void Matches_SameItemInOtherWords_True(string item, string text) =>
        Assert.True(ItemMatcher.Matches(item, text));

    [Theory]
    [InlineData("annual price increase cap", "5% off the price")]
    [InlineData("two-year term", "free onboarding")]
    [InlineData("case study", "")]
    public void Matches_FewerThanHalfOfTheWords_False(string item, string text) =>
        Assert.False(ItemMatcher.Matches(item, text));

    [Fact]
    public void Matches_ExactlyHalfOfTheWords_True() =>
        Assert.True(ItemMatcher.Matches("logo rights", "logo on their site"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("to the")]
    [InlineData("give them more")]
    [InlineData("a b c")]
    public void Matches_ItemWithoutSignificantWords_FalseEvenForSameText(string item) =>
        Assert.False(ItemMatcher.Matches(item, item));

    [Fact]
    public void Matches_StopWordsOnlyShared_False() =>
        Assert.False(ItemMatcher.Matches("commit to our roadmap", "they commit to our pricing"));

    [Theory]
    [InlineData("two-year term", "they want a one-year term")]
    [InlineData("net-60 payment terms", "net-45 payment terms")]
    [InlineData("6 weeks lead time", "a lead time of 8 weeks")]
    public void Matches_DifferentNumber_False(string item, string text) =>
        Assert.False(ItemMatcher.Matches(item, text));

    [Theory]
    [InlineData("two-year term", "they agreed to a 2-year term")]
    [InlineData("3 year commitment", "a three year commitment")]
    public void Matches_SameNumberInWordsOrDigits_True(string item, string text) =>
        Assert.True(ItemMatcher.Matches(item, text));
}
