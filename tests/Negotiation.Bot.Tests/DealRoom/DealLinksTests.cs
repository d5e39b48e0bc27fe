using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Bot.DealRoom;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>Signed, expiring deal links: only the deal they were issued for, only until they expire, never altered.</summary>
public sealed class DealLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly ChannelKey Channel = new("slack", "T1", "C1");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly EphemeralDataProtectionProvider _keys = new();

    private DealLinks Links(string? baseUrl = "https://bot.example.com", TimeSpan? lifetime = null) =>
        new(_keys, new DealRoomOptions { PublicBaseUrl = baseUrl is null ? null : new Uri(baseUrl), LinkLifetime = lifetime ?? TimeSpan.FromDays(7) }, _time);

    private static Deal NewDeal() => Deal.Start(Guid.NewGuid(), Channel, "1.0", "Acme renewal", NegotiationType.Trading, "dana", Now);

    private static string TokenOf(Uri link) => Uri.UnescapeDataString(link.Query["?t=".Length..]);

    [Fact]
    public void ReadOnlyLink_WithPublicBaseUrl_PointsAtTheDealAndChecksBackAsValidForItsWorkspace()
    {
        var deal = NewDeal();
        var links = Links();

        var link = links.ReadOnlyLink(deal)!;
        var check = links.Check(deal.Id, TokenOf(link));

        Assert.Equal($"https://bot.example.com/deals/{deal.Id:N}", link.GetLeftPart(UriPartial.Path));
        Assert.Equal(new DealLinkCheck(DealLinkStatus.Valid, "slack", "T1"), check);
    }

    [Fact]
    public void ReadOnlyLink_WithoutPublicBaseUrl_IsNull() =>
        Assert.Null(Links(baseUrl: null).ReadOnlyLink(NewDeal()));

    [Fact]
    public void Check_AfterTheLifetime_IsExpired_AndJustBeforeIsValid()
    {
        var deal = NewDeal();
        var links = Links(lifetime: TimeSpan.FromHours(1));
        var token = TokenOf(links.ReadOnlyLink(deal)!);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(DealLinkStatus.Valid, links.Check(deal.Id, token).Status);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DealLinkStatus.Expired, links.Check(deal.Id, token).Status);
    }

    [Fact]
    public void Check_TamperedToken_IsInvalid()
    {
        var deal = NewDeal();
        var links = Links();
        var token = TokenOf(links.ReadOnlyLink(deal)!);
        var tampered = token[..20] + (token[20] == 'x' ? 'y' : 'x') + token[21..];

        Assert.Equal(DealLinkStatus.Invalid, links.Check(deal.Id, tampered).Status);
        Assert.Equal(DealLinkStatus.Invalid, links.Check(deal.Id, token[..^4]).Status);
        Assert.Equal(DealLinkStatus.Invalid, links.Check(deal.Id, "not-a-token").Status);
    }

    [Fact]
    public void Check_AnotherDealsToken_IsInvalid()
    {
        var mine = NewDeal();
        var other = NewDeal();
        var links = Links();

        Assert.Equal(DealLinkStatus.Invalid, links.Check(mine.Id, TokenOf(links.ReadOnlyLink(other)!)).Status);
    }

    [Fact]
    public void Check_TokenFromAnotherHostsKeys_IsInvalid()
    {
        var deal = NewDeal();
        var elsewhere = new DealLinks(new EphemeralDataProtectionProvider(), new DealRoomOptions { PublicBaseUrl = new Uri("https://bot.example.com") }, _time);

        Assert.Equal(DealLinkStatus.Invalid, Links().Check(deal.Id, TokenOf(elsewhere.ReadOnlyLink(deal)!)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Check_MissingToken_IsMissing(string? token) =>
        Assert.Equal(DealLinkStatus.Missing, Links().Check(Guid.NewGuid(), token).Status);

    [Theory]
    [InlineData("ftp://bot.example.com", "PublicBaseUrl")]
    [InlineData("https://bot.example.com/?x=1", "PublicBaseUrl")]
    public void Validate_BadPublicBaseUrl_NamesTheSetting(string url, string setting) =>
        Assert.Contains(new DealRoomOptions { PublicBaseUrl = new Uri(url) }.Validate(), p => p.StartsWith(setting, StringComparison.Ordinal));

    [Fact]
    public void Validate_LifetimeOutOfRange_NamesTheSetting()
    {
        Assert.Contains(new DealRoomOptions { LinkLifetime = TimeSpan.FromSeconds(5) }.Validate(), p => p.StartsWith("LinkLifetime", StringComparison.Ordinal));
        Assert.Empty(new DealRoomOptions().Validate());
    }
}
