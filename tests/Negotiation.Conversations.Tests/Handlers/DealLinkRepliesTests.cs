using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Tests.Handlers;

/// <summary>The "Open ledger" link button on ledger and Align replies: there when the host issues links, absent when it can't.</summary>
public class DealLinkRepliesTests
{
    /// <summary>Issues a link naming the deal, as a host with a public address would.</summary>
    private sealed class FixedLinks : IDealLinks
    {
        public Uri? ReadOnlyLink(Deal deal) => new($"https://bot.example.com/deals/{deal.Id:N}?t=signed");
    }

    [Theory]
    [InlineData("ledger")]
    [InlineData("ledger share")]
    [InlineData("align")]
    [InlineData("close")]
    public async Task LedgerAndAlign_WithLinks_CarryOpenLedgerButtonToThisDeal(string command)
    {
        var engine = new TestEngine(links: new FixedLinks());
        await engine.StartProposingAsync();

        var reply = await engine.CommandAsync(command);

        var deal = await engine.DealAsync();
        var button = Assert.Single(reply!.Parts.SelectMany(p => p.Buttons), b => b.ActionId == DealCommandHandler.OpenLedgerAction);
        Assert.Equal("Open ledger", button.Label);
        Assert.Equal($"https://bot.example.com/deals/{deal.Id:N}?t=signed", button.Url!.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    public async Task Ledger_WithoutLinks_HasNoLinkButton(string? links)
    {
        var engine = new TestEngine(links: links is null ? null : new NoDealLinks());
        await engine.StartProposingAsync();

        var reply = await engine.CommandAsync("ledger");

        Assert.DoesNotContain(reply!.Parts.SelectMany(p => p.Buttons), b => b.Url is not null);
    }
}
