using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Slack;

/// <summary>
/// The real host on loopback with Slack switched on, a local fake Slack Web API it talks to, and a signer that
/// signs requests the way Slack does (protocols.md A1), so tests speak to the host exactly as Slack would.
/// </summary>
internal sealed class SlackHarness : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-single-workspace-token";

    private readonly string _folder;

    private SlackHarness(string folder, FakeSlackApi slack, TestHost host)
    {
        _folder = folder;
        Slack = slack;
        Host = host;
    }

    public FakeSlackApi Slack { get; }

    public TestHost Host { get; }

    public SlackRequestSigner Signer { get; } = new(SigningSecret);

    public string DatabaseFile => Path.Combine(_folder, "negotiation.db");

    /// <summary>Single-workspace mode (configured bot token) unless <paramref name="settings"/> say otherwise.</summary>
    public static Task<SlackHarness> StartAsync(params string[] settings) => StartAsync(null, settings);

    /// <summary>With <paramref name="socketUrl"/>, the fake's apps.connections.open hands out that WebSocket URL.</summary>
    public static async Task<SlackHarness> StartAsync(Uri? socketUrl, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-slack-tests", Guid.NewGuid().ToString("N"));
        var slack = await FakeSlackApi.StartAsync();
        if (socketUrl is not null)
        {
            slack.SocketUrl = socketUrl;
        }

        string[] slackSettings = settings.Length > 0 ? settings : [$"--Slack:BotToken={BotToken}"];
        var host = await TestHost.StartAsync(
        [
            .. TestHost.Sqlite(folder),
            $"--Slack:SigningSecret={SigningSecret}",
            $"--Slack:ApiBaseUrl={slack.BaseUrl}",
            "--Slack:ApiTimeout=00:00:01",
            $"--DataProtection:KeysPath={Path.Combine(folder, "keys")}",
            .. slackSettings,
        ]);
        return new SlackHarness(folder, slack, host);
    }

    /// <summary>A <c>message</c> event_callback as Slack sends it (the bot's own id in <c>authorizations</c>).</summary>
    public static string MessageEvent(string eventId, string text, string ts, string? threadTs = null, string team = "T1", string channel = "C1", string user = "U1", string type = "message")
    {
        var e = new JsonObject { ["type"] = type, ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["channel_type"] = "channel", ["event_ts"] = ts };
        if (threadTs is not null)
        {
            e["thread_ts"] = threadTs;
        }

        return Envelope(eventId, team, e);
    }

    public static string Envelope(string eventId, string team, JsonObject e) => new JsonObject
    {
        ["token"] = "deprecated",
        ["team_id"] = team,
        ["api_app_id"] = "A1",
        ["event"] = e,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1732612800,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = team, ["user_id"] = FakeSlackApi.BotUserId, ["is_bot"] = true }),
    }.ToJsonString();

    public async Task<HttpResponseMessage> EventAsync(string body, string? retryNum = null)
    {
        using var request = Signer.Json("/slack/events", body, retryNum: retryNum);
        return await Host.Http.SendAsync(request);
    }

    /// <summary>Posts <c>/deal {text}</c> as Slack does, with a response_url on the fake; returns the inline answer.</summary>
    public async Task<HttpResponseMessage> SlashAsync(string text, string trigger, string team = "T1", string channel = "C1", string user = "U1")
    {
        using var request = Signer.Form("/slack/commands", CommandFields(text, trigger, team, channel, user));
        return await Host.Http.SendAsync(request);
    }

    public IEnumerable<KeyValuePair<string, string>> CommandFields(string text, string trigger, string team = "T1", string channel = "C1", string user = "U1") =>
    [
        new("token", "deprecated"),
        new("team_id", team),
        new("team_domain", "team-" + team),
        new("channel_id", channel),
        new("channel_name", "deal-" + channel),
        new("user_id", user),
        new("user_name", "dana"),
        new("command", "/deal"),
        new("text", text),
        new("api_app_id", "A1"),
        new("response_url", Slack.ResponseUrl(trigger).AbsoluteUri),
        new("trigger_id", trigger),
    ];

    public async Task<HttpResponseMessage> InteractionAsync(JsonObject payload)
    {
        using var request = Signer.Form("/slack/interactions", [new("payload", payload.ToJsonString())]);
        return await Host.Http.SendAsync(request);
    }

    /// <summary>A slash command whose reply the test waits for: the answer that arrives at its response_url.</summary>
    public async Task<FakeSlackApiCall> SlashAndWaitAsync(string text, string trigger, string team = "T1", string channel = "C1")
    {
        var response = await SlashAsync(text, trigger, team, channel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await DrainedAsync();
        return Assert.Single(Slack.CallsTo(FakeSlackApi.ResponseUrlMethod), c => c.Path.EndsWith("/" + trigger, StringComparison.Ordinal));
    }

    /// <summary>Starts a deal in T1/C1 and moves it to Propose, so gives are coached.</summary>
    public async Task StartDealAsync(string team = "T1", string channel = "C1")
    {
        Assert.Equal(HttpStatusCode.OK, (await SlashAsync("start Acme renewal trading", $"start-{team}-{channel}", team, channel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SlashAsync("plan want two-year term value $40k", $"want-{team}-{channel}", team, channel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SlashAsync("phase propose", $"phase-{team}-{channel}", team, channel)).StatusCode);
        await DrainedAsync();
    }

    /// <summary>What the host asked of Slack, leaving out /readyz's auth.test of the bot token (DrainedAsync reads /readyz).</summary>
    public IReadOnlyList<FakeSlackApiCall> CallsExceptReadinessCheck => Slack.Calls.Where(c => c.Method != "auth.test").ToList();

    /// <summary>Thread posts the fake received for one thread.</summary>
    public IReadOnlyList<FakeSlackApiCall> PostsInThread(string threadTs) =>
        Slack.CallsTo("chat.postMessage").Where(c => c.JsonString("thread_ts") == threadTs).ToList();

    /// <summary>Waits until the host has processed every recorded event and delivered or parked every reply.</summary>
    public Task<JsonElement> DrainedAsync() => Host.DrainedAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
