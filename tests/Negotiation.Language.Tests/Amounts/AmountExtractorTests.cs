using Negotiation.Domain.Moves;
using Negotiation.Language.Amounts;

namespace Negotiation.Language.Tests.Amounts;

public class AmountExtractorTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [InlineData("I told them we'd drop to $92k", "$92,000")]
    [InlineData("we gave them net-60 on the last call.", "60 days")]
    [InlineData("ok we can do 8% off", "8%")]
    [InlineData("they want 8 pct, we said 5", "8%")]
    [InlineData("we'll do net-45 if they sign for 3 years", "45 days|3 years")]
    [InlineData("price is €15/seat for 500 seats", "€15|500 seats")]
    [InlineData("List was $100,000, we're at $92k, they want 85k", "$100,000|$92,000|$85,000")]
    [InlineData("two-year term, ten licences, eight percent off", "2 years|10 licenses|8%")]
    [InlineData("(8%) and [net 30], plus 2 engineers.", "8%|30 days|2 engineers")]
    [InlineData("signature by 2026-03-31 please", "2026-03-31")]
    [InlineData("92,000 USD or USD 90000?", "$92,000|$90,000")]
    [InlineData("uptime 99.9% with a 4-hour response time", "99.9%|4 hours")]
    public void Extract_DealText_FindsEveryAmountInOrder(string text, string expected)
    {
        var amounts = AmountExtractor.Extract(text, Today);

        Assert.Equal(expected.Split('|'), amounts.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("call me at 3, room 42, option 2")]
    [InlineData("the 92 and the 10 are bare numbers")]
    [InlineData("<script>alert(1)</script>")]
    public void Extract_TextWithoutAmounts_ReturnsEmpty(string text)
    {
        Assert.Empty(AmountExtractor.Extract(text, Today));
    }

    [Theory]
    [InlineData("we dropped down to $92k", true)]
    [InlineData("drop to 85k", true)]
    [InlineData("we can do it at $40/seat", true)]
    [InlineData("we gave them net-60", true)]
    [InlineData("a two-year term", true)]
    [InlineData("we can do $92k", true)]
    [InlineData("from $100k", true)]
    [InlineData("$8k off", false)]
    [InlineData("8% discount", false)]
    [InlineData("another 2%", false)]
    [InlineData("extend delivery by 2 weeks", false)]
    [InlineData("ship 2 weeks earlier", false)]
    [InlineData("throw in 10 seats", false)]
    [InlineData("a $5k credit", false)]
    [InlineData("knocked 5% off list", false)]
    public void Find_GiveAmount_TellsLevelFromSize(string text, bool isLevel)
    {
        var mention = Assert.Single(AmountExtractor.Find(text, Today));

        Assert.Equal(isLevel, mention.IsLevel);
    }

    [Fact]
    public void Find_Mention_PointsAtTheTextAsTyped()
    {
        const string text = "ok, we'll go down to $92K (final).";

        var mention = Assert.Single(AmountExtractor.Find(text, Today));

        Assert.Equal("$92K", text.Substring(mention.Index, mention.Length));
    }

    [Fact]
    public void Find_HugeHostileInput_ReadsOnlyTheCappedPrefix()
    {
        var text = string.Concat(Enumerable.Repeat("$92k net-60 \u0000\u202e 🔥 <b>", 5_000));

        var mentions = AmountExtractor.Find(text, Today);

        Assert.NotEmpty(mentions);
        Assert.True(mentions[^1].Index < AmountExtractor.MaxTextLength);
    }
}
