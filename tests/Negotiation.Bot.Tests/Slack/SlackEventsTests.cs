using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Handlers;
using Negotiation.Domain.Coaching;
using Negotiation.Slack.Http;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Slack;

/// <summary>
/// The Events API at the wire (protocols.md A1, A2): really signed requests to the running host, asserting what
/// the local fake Slack Web API received.
/// </summary>
public sealed class SlackEventsTests : IAsyncLifetime
{
    private const string Thread = "1732612700.000100";
    private SlackHarness _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var response = await _slack.EventAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task GiveInAThread_OneReciprocityPromptInThatThread_WithTheButtons()
    {
        await _slack.StartDealAsync();

        var response = await _slack.EventAsync(SlackHarness.MessageEvent("Ev1", "we gave them net-60 payment terms", "1732612800.000200", Thread));
        await _slack.DrainedAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prompt = Assert.Single(_slack.PostsInThread(Thread));
        Assert.Equal("Bearer " + SlackHarness.BotToken, prompt.Authorization);
        Assert.Equal("C1", prompt.JsonString("channel"));
        Assert.Contains(CoachingVoice.ReciprocityQuestion, prompt.JsonString("text"), StringComparison.Ordinal);
        var actions = prompt.Json!.Value.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("action_id").GetString());
        Assert.Equal([CoachingReplies.LogGetAction, CoachingReplies.NotAGiveAction, CoachingReplies.QuietAction], actions);
    }

    [Fact]
    public async Task SameEventRetriedThreeTimes_AndItsAppMention_OnePrompt()
    {
        await _slack.StartDealAsync();
        var body = SlackHarness.MessageEvent("Ev2", "<@UBOT> we gave them net-60 payment terms", "1732612800.000300", Thread);

        Assert.Equal(HttpStatusCode.OK, (await _slack.EventAsync(body)).StatusCode);
        for (var retry = 1; retry <= 3; retry++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _slack.EventAsync(body, retry.ToString(System.Globalization.CultureInfo.InvariantCulture))).StatusCode);
        }

        // Slack also sends the same post as an app_mention, under another event id.
        var mention = SlackHarness.MessageEvent("Ev3", "<@UBOT> we gave them net-60 payment terms", "1732612800.000300", Thread, type: "app_mention");
        Assert.Equal(HttpStatusCode.OK, (await _slack.EventAsync(mention)).StatusCode);
        await _slack.DrainedAsync();

        Assert.Single(_slack.PostsInThread(Thread));
    }

    [Fact]
    public async Task BotsOwnMessage_OtherBots_EditsAndJoins_AreIgnored()
    {
        await _slack.StartDealAsync();
        var bot = JsonNode.Parse(SlackHarness.MessageEvent("Ev4", "we gave them net-60", "1732612800.000401", Thread))!.AsObject();
        bot["event"]!["bot_id"] = "B9";
        var edit = JsonNode.Parse(SlackHarness.MessageEvent("Ev5", "we gave them net-60", "1732612800.000402", Thread))!.AsObject();
        edit["event"]!["subtype"] = "message_changed";
        var join = JsonNode.Parse(SlackHarness.MessageEvent("Ev6", "we gave them net-60", "1732612800.000403", Thread))!.AsObject();
        join["event"]!["subtype"] = "channel_join";

        foreach (var body in new[] { SlackHarness.MessageEvent("Ev7", "we gave them net-60", "1732612800.000404", Thread, user: FakeSlackApi.BotUserId), bot.ToJsonString(), edit.ToJsonString(), join.ToJsonString() })
        {
            Assert.Equal(HttpStatusCode.OK, (await _slack.EventAsync(body)).StatusCode);
        }

        await _slack.DrainedAsync();
        Assert.Empty(_slack.PostsInThread(Thread));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("missing")]
    [InlineData("tampered")]
    [InlineData("replayed")]
    public async Task BadSignature_Is401_AndNothingIsRecorded(string how)
    {
        await _slack.StartDealAsync();
        var body = SlackHarness.MessageEvent("Ev10", "we gave them net-60 payment terms", "1732612800.001000", Thread);
        using var request = how switch
        {
            "forged" => new SlackRequestSigner("not-the-secret").Json("/slack/events", body),
            "stale" => _slack.Signer.Json("/slack/events", body, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "future" => _slack.Signer.Json("/slack/events", body, at: DateTimeOffset.UtcNow.AddMinutes(6)),
            "missing" => new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/events", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            "tampered" => Tampered(_slack.Signer.Json("/slack/events", body)),
            _ => Replayed(body),
        };

        var response = await _slack.Host.Http.SendAsync(request);
        await _slack.DrainedAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_slack.PostsInThread(Thread));

        // The event id was not taken by the refused request: the genuine delivery still gets its prompt.
        Assert.Equal(HttpStatusCode.OK, (await _slack.EventAsync(body)).StatusCode);
        await _slack.DrainedAsync();
        Assert.Single(_slack.PostsInThread(Thread));
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", HttpStatusCode.BadRequest)]
    [InlineData("\"text\"", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev20","event":{"type":"reaction_added","user":"U1","reaction":"thumbsup"}}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"something_new"}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"event_callback","event":"not an object"}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev21","event":{"type":"message","channel":"C1","user":"U1","ts":"1.2"}}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}""", HttpStatusCode.OK)]
    public async Task MalformedOrUnknownBodies_AreRefusedOrIgnored_NeverA500(string body, HttpStatusCode expected)
    {
        var response = await _slack.EventAsync(body);
        var ready = await _slack.DrainedAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, ready.GetProperty("inbox").GetProperty("parked").GetInt32());
        Assert.Empty(_slack.CallsExceptReadinessCheck);
    }

    [Fact]
    public async Task BodyOverOneMegabyte_Is413_WithOrWithoutContentLength()
    {
        var text = new string('a', SlackEndpoints.MaxBodyBytes);
        var body = SlackHarness.MessageEvent("Ev30", text, "1732612800.003000", Thread);

        var sized = await _slack.EventAsync(body);
        using var chunked = _slack.Signer.Json("/slack/events", body);
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        var streamed = await _slack.Host.Http.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        await _slack.DrainedAsync();
        Assert.Empty(_slack.CallsExceptReadinessCheck);
    }

    [Fact]
    public async Task TextFarPastSlacksOwnLimit_UnderOneMegabyte_IsIgnoredNotA500()
    {
        await _slack.StartDealAsync();
        var huge = "we gave them net-60 " + string.Concat(Enumerable.Repeat("é🙂<&> ", 12_000));

        var response = await _slack.EventAsync(SlackHarness.MessageEvent("Ev31", huge, "1732612800.003100", Thread));
        var command = await _slack.SlashAsync("give " + new string('x', 20_000), "t-huge");
        var ready = await _slack.DrainedAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("too long", await command.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_slack.PostsInThread(Thread));
        Assert.Equal(0, ready.GetProperty("inbox").GetProperty("parked").GetInt32());
    }

    [Theory]
    [InlineData("ok_false")]
    [InlineData("rate_limited")]
    [InlineData("server_error")]
    [InlineData("timeout")]
    public async Task WebApiFailsOnce_ThePromptStillArrivesExactlyOnce(string failure)
    {
        await _slack.StartDealAsync();
        switch (failure)
        {
            case "ok_false":
                _slack.Slack.FailNext("chat.postMessage", "internal_error");
                break;
            case "rate_limited":
                _slack.Slack.RateLimitNext("chat.postMessage", 1);
                break;
            case "server_error":
                _slack.Slack.ServerErrorNext("chat.postMessage");
                break;
            default:
                _slack.Slack.HangNext("chat.postMessage");
                break;
        }

        await _slack.EventAsync(SlackHarness.MessageEvent("Ev40", "we gave them net-60 payment terms", "1732612800.004000", Thread));
        var ready = await _slack.DrainedAsync();

        // The failed attempt reached the fake too; the second is the one that landed.
        Assert.Equal(2, _slack.PostsInThread(Thread).Count);
        Assert.Equal(0, ready.GetProperty("outbox").GetProperty("parked").GetInt32());
    }

    [Fact]
    public async Task WebApiPermanentError_ParksTheReplyWithoutRetrying()
    {
        await _slack.StartDealAsync();
        _slack.Slack.FailNext("chat.postMessage", "channel_not_found");

        await _slack.EventAsync(SlackHarness.MessageEvent("Ev41", "we gave them net-60 payment terms", "1732612800.004100", Thread));
        var ready = await _slack.DrainedAsync();

        Assert.Single(_slack.PostsInThread(Thread));
        Assert.Equal(1, ready.GetProperty("outbox").GetProperty("parked").GetInt32());
    }

    private static HttpRequestMessage Tampered(HttpRequestMessage signed)
    {
        signed.Content = new StringContent(SlackHarness.MessageEvent("Ev10", "we gave them net-90 payment terms", "1732612800.001000", Thread), Encoding.UTF8, "application/json");
        return signed;
    }

    /// <summary>A genuine request captured and sent again once its 5-minute window has passed.</summary>
    private HttpRequestMessage Replayed(string body) =>
        _slack.Signer.Json("/slack/events", body, at: DateTimeOffset.UtcNow.AddSeconds(-301));
}
