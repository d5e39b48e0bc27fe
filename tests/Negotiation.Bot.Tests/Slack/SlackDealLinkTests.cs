using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Slack;

/// <summary>
/// With a public base URL, Slack's ledger reply carries an "Open ledger" link button whose signed link opens the
/// read-only view of that deal on this host; pressing it in Slack is acked and changes nothing.
/// </summary>
public sealed partial class SlackDealLinkTests : IAsyncLifetime
{
    private SlackHarness _slack = null!;

    public async Task InitializeAsync() =>
        _slack = await SlackHarness.StartAsync($"--Slack:BotToken={SlackHarness.BotToken}", "--DealRoom:PublicBaseUrl=https://bot.example.com");

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Ledger_CarriesASignedOpenLedgerLink_ThatOpensThisDealsReadOnlyView()
    {
        await _slack.StartDealAsync();
        await _slack.SlashAsync("give 5% off list", "t-give");

        var ledger = await _slack.SlashAndWaitAsync("ledger", "t-ledger");

        using var body = JsonDocument.Parse(ledger.RawBody);
        var button = body.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "open_ledger");
        var url = new Uri(button.GetProperty("url").GetString()!);
        Assert.Matches(LinkShape(), url.AbsoluteUri);

        // The link names bot.example.com; the same path and token on this host is what a browser there would open.
        var view = await _slack.Host.Http.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        var html = await view.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Contains("<h1>Acme renewal</h1>", html, StringComparison.Ordinal);
        Assert.Contains("5% off list", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenLedgerPressed_IsAckedAndRecordsNothing()
    {
        await _slack.StartDealAsync();
        await _slack.DrainedAsync();
        var callsBefore = _slack.Slack.Calls.Count;

        var response = await _slack.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["trigger_id"] = "t-open",
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["user"] = new JsonObject { ["id"] = "U1", ["username"] = "dana" },
            ["channel"] = new JsonObject { ["id"] = "C1" },
            ["response_url"] = _slack.Slack.ResponseUrl("t-open").AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "open_ledger", ["block_id"] = "b1", ["value"] = "0123" }),
        });
        await _slack.DrainedAsync();

        // Anything recorded would have been answered by now: no call reached the fake Slack at all.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(callsBefore, _slack.Slack.Calls.Count);
        Assert.DoesNotContain(_slack.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod), c => c.Path.EndsWith("/t-open", StringComparison.Ordinal));
    }

    [GeneratedRegex("^https://bot\\.example\\.com/deals/[0-9a-f]{32}\\?t=[A-Za-z0-9_-]+$")]
    private static partial Regex LinkShape();
}
