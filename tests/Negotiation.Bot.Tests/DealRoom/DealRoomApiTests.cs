using System.Net;
using System.Text;
using System.Text.Json;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>The deal room's JSON endpoints and the signed read-only view, over real HTTP on a loopback port.</summary>
public sealed class DealRoomApiTests : IAsyncLifetime
{
    private const string Channel = "deal-acme-renewal";
    private DealRoomHarness _room = null!;

    public async Task InitializeAsync() => _room = await DealRoomHarness.StartAsync();

    public async Task DisposeAsync() => await _room.DisposeAsync();

    private async Task StartDealAsync(string channel = Channel) => await _room.SayAsync(
        channel,
        "/deal start Acme renewal trading",
        "/deal plan price opening $480k target $450k-$465k walkaway $430k",
        "/deal plan want three-year term value $60k",
        "/deal phase propose");

    [Fact]
    public async Task Root_ServesTheRoomPage_WithNoExternalReferences()
    {
        var response = await _room.Host.Http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<label for=\"speaker\">Speaking as</label>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var asset in new[] { "/", "/static/room.css", "/static/room.js" })
        {
            var text = await _room.Host.Http.GetStringAsync(new Uri(asset, UriKind.Relative));
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostMessage_GiveInChat_GoesThroughThePipelineAndTheReciprocityPromptArrivesInItsThread()
    {
        await StartDealAsync();

        var posted = await _room.SayAsync(Channel, "we gave them net-60 payment terms");

        var id = posted[0].GetProperty("id").GetString();
        var messages = await _room.MessagesAsync(Channel);
        var reply = Assert.Single(messages, m => m.GetProperty("isBot").GetBoolean() && m.GetProperty("threadId").GetString() == id);
        var part = reply.GetProperty("parts")[0];
        Assert.Equal("reciprocity_prompt", part.GetProperty("kind").GetString());
        Assert.Contains("what are you getting in return?", part.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("thread", reply.GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task DealEndpoint_AfterGiveAndGet_ShowsTheTradeWithValuesAndTheChart()
    {
        await StartDealAsync();

        await _room.SayAsync(Channel, "/deal give bring the price down to $465k", "/deal get three-year term", "/deal give bring the price down to $455k");

        var deal = await _room.DealAsync(Channel);
        Assert.Equal("Acme renewal", deal.GetProperty("name").GetString());
        Assert.Equal("Propose", deal.GetProperty("phase").GetString());
        Assert.Equal("Trading", deal.GetProperty("type").GetString());
        var trade = Assert.Single(deal.GetProperty("trades").EnumerateArray());
        Assert.Equal(1, trade.GetProperty("gives")[0].GetProperty("number").GetInt32());
        Assert.Equal("$60,000", trade.GetProperty("gets")[0].GetProperty("value").GetString());
        Assert.Equal(3, Assert.Single(deal.GetProperty("openGives").EnumerateArray()).GetProperty("number").GetInt32());
        Assert.Contains("our steps $15,000 → $10,000 (shrinking)", deal.GetProperty("chartSummary").GetString(), StringComparison.Ordinal);
        Assert.Contains("data-move=\"3\"", deal.GetProperty("chartSvg").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, deal.GetProperty("align").ValueKind);
    }

    [Fact]
    public async Task Align_PostsTheSummaryToTheDealThread_AndTheDealShowsIt()
    {
        var started = (await _room.SayAsync(Channel, "/deal start Acme renewal trading"))[0].GetProperty("id").GetString();

        await _room.SayAsync(Channel, "/deal term Three-year subscription at $425k owner Priya due 2026-12-15", "/deal align");

        var messages = await _room.MessagesAsync(Channel);
        var summary = Assert.Single(messages, m => m.GetProperty("isBot").GetBoolean() && m.GetProperty("parts")[0].GetProperty("kind").GetString() == "align_summary");
        Assert.Equal(started, summary.GetProperty("threadId").GetString());
        var align = (await _room.DealAsync(Channel)).GetProperty("align");
        Assert.Equal("Align summary: Acme renewal", align.GetProperty("title").GetString());
        Assert.Contains(align.GetProperty("sections").EnumerateArray(), s => s.GetProperty("title").GetString() == "Final terms");
    }

    [Fact]
    public async Task Deals_ListsTheWorkspacesDeals_NewestFirst()
    {
        await _room.SayAsync("deal-one", "/deal start First deal");
        await _room.SayAsync("deal-two", "/deal start Second deal bargaining");

        var deals = await _room.Host.Http.GetFromJsonAsync<JsonElement[]>("/room/api/deals");

        Assert.NotNull(deals);
        Assert.Equal(["Second deal", "First deal"], deals.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal("deal-two", deals[0].GetProperty("channel").GetString());
        Assert.Equal("Bargaining", deals[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task DealEndpoint_ChannelWithoutDeal_AnswersNull()
    {
        var body = await _room.Host.Http.GetFromJsonAsync<JsonElement>("/room/api/channels/quiet-channel/deal");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("deal").ValueKind);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("{\"user\":\"Priya\",\"text\":\"hi\"}", "channel")]
    [InlineData("{\"channel\":\"Bad Channel!\",\"user\":\"Priya\",\"text\":\"hi\"}", "channel")]
    [InlineData("{\"channel\":\"deal-x\",\"text\":\"hi\"}", "user")]
    [InlineData("{\"channel\":\"deal-x\",\"user\":\"Priya\",\"text\":\"   \"}", "text")]
    public async Task PostMessage_BadInput_Is400WithTheProblem_AndRecordsNothing(string body, string problem)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _room.Host.Http.PostAsync(new Uri("/room/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _room.MessagesAsync("deal-x"));
        await AssertInboxEmptyAsync();
    }

    [Fact]
    public async Task PostMessage_OversizedBody_Is413AndRecordsNothing()
    {
        var response = await _room.PostAsync("deal-x", new string('a', 20_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _room.MessagesAsync("deal-x"));
        await AssertInboxEmptyAsync();
    }

    [Fact]
    public async Task Messages_BadChannelName_Is400()
    {
        var response = await _room.Host.Http.GetAsync(new Uri("/room/api/channels/BAD!/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Ledger_WithPublicBaseUrl_CarriesASignedOpenLedgerLinkThatOpensTheReadOnlyView()
    {
        await StartDealAsync();
        await _room.SayAsync(Channel, "/deal give bring the price down to $465k", "/deal get three-year term", "/deal ledger");

        var url = OpenLedgerUrl(await _room.MessagesAsync(Channel));
        var response = await _room.Host.Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.StartsWith(_room.Address.AbsoluteUri + "deals/", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Acme renewal</h1>", html, StringComparison.Ordinal);
        Assert.Contains("three-year term", html, StringComparison.Ordinal);
        Assert.Contains("class=\"concession-chart\"", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ReadOnlyView_TamperedToken_Is403WithNoDealData()
    {
        await StartDealAsync();
        await _room.SayAsync(Channel, "/deal ledger");
        var url = OpenLedgerUrl(await _room.MessagesAsync(Channel)).AbsoluteUri;
        var at = url.IndexOf("?t=", StringComparison.Ordinal) + 10;
        var tampered = url[..at] + (url[at] == 'A' ? 'B' : 'A') + url[(at + 1)..];

        await AssertRefusedAsync(new Uri(tampered), HttpStatusCode.Forbidden, "This link is not valid");
    }

    [Fact]
    public async Task ReadOnlyView_AnotherDealsToken_Is403WithNoDealData()
    {
        await StartDealAsync();
        await _room.SayAsync("deal-other", "/deal start Other deal");
        var mine = Guid.ParseExact((await _room.DealAsync(Channel)).GetProperty("id").GetString()!, "N");
        var other = Guid.ParseExact((await _room.DealAsync("deal-other")).GetProperty("id").GetString()!, "N");
        var otherToken = _room.Links.Token(new ChannelKey("room", "room", "deal-other"), other, DateTimeOffset.UtcNow.AddHours(1));

        await AssertRefusedAsync(new Uri(_room.Address, $"/deals/{mine:N}?t={Uri.EscapeDataString(otherToken)}"), HttpStatusCode.Forbidden, "This link is not valid");
    }

    [Fact]
    public async Task ReadOnlyView_ExpiredToken_Is403SayingItExpired()
    {
        await StartDealAsync();
        var id = Guid.ParseExact((await _room.DealAsync(Channel)).GetProperty("id").GetString()!, "N");
        var expired = _room.Links.Token(new ChannelKey("room", "room", Channel), id, DateTimeOffset.UtcNow.AddMinutes(-1));

        await AssertRefusedAsync(new Uri(_room.Address, $"/deals/{id:N}?t={Uri.EscapeDataString(expired)}"), HttpStatusCode.Forbidden, "This link has expired");
    }

    [Fact]
    public async Task ReadOnlyView_MissingToken_Is403()
    {
        await StartDealAsync();
        var id = (await _room.DealAsync(Channel)).GetProperty("id").GetString();

        await AssertRefusedAsync(new Uri(_room.Address, $"/deals/{id}"), HttpStatusCode.Forbidden, "This page needs a link from the bot");
    }

    [Fact]
    public async Task ReadOnlyView_ValidTokenForADeletedDeal_Is404()
    {
        await StartDealAsync();
        await _room.SayAsync(Channel, "/deal ledger");
        var url = OpenLedgerUrl(await _room.MessagesAsync(Channel));
        await _room.SayAsync(Channel, "/deal forget confirm");

        await AssertRefusedAsync(url, HttpStatusCode.NotFound, "This deal no longer exists");
    }

    [Fact]
    public async Task ReadOnlyView_NotADealId_Is404()
    {
        await AssertRefusedAsync(new Uri(_room.Address, "/deals/not-a-guid?t=x"), HttpStatusCode.NotFound, "No such deal");
    }

    private async Task AssertRefusedAsync(Uri url, HttpStatusCode status, string title)
    {
        var response = await _room.Host.Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme renewal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("concession-chart", html, StringComparison.Ordinal);
    }

    private async Task AssertInboxEmptyAsync()
    {
        using var ready = JsonDocument.Parse(await _room.Host.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
        Assert.Equal(0, ready.RootElement.GetProperty("inbox").GetProperty("pending").GetInt32());
    }

    private static Uri OpenLedgerUrl(JsonElement[] messages)
    {
        var button = messages
            .Where(m => m.GetProperty("isBot").GetBoolean())
            .SelectMany(m => m.GetProperty("parts").EnumerateArray())
            .SelectMany(p => p.GetProperty("buttons").EnumerateArray())
            .Last(b => b.GetProperty("actionId").GetString() == "open_ledger");
        Assert.Equal("Open ledger", button.GetProperty("label").GetString());
        return new Uri(button.GetProperty("url").GetString()!);
    }
}

/// <summary>The room is a development feature: off, the page and its API are not there, and the read-only view still is.</summary>
public sealed class DealRoomDisabledTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-room-tests", Guid.NewGuid().ToString("N"));
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--DealRoom:Enabled=false"]);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Disabled_RootIsPlainStatus_AndRoomApiIsNotMapped()
    {
        var root = await _host.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        var api = await _host.Http.GetAsync(new Uri("/room/api/deals", UriKind.Relative));
        var post = await _host.Http.PostAsJsonAsync("/room/api/messages", new { channel = "deal-x", user = "Priya", text = "/deal help" });

        Assert.StartsWith("Negotiation Coach is running.", root, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Disabled_ReadOnlyViewStillRefusesAMissingToken()
    {
        var response = await _host.Http.GetAsync(new Uri($"/deals/{Guid.NewGuid():N}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
