using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;

using Negotiation.Slack.Api;
using Negotiation.Slack.SocketMode;
using Negotiation.Testing;

namespace Negotiation.Slack.Tests.SocketMode;

public sealed class SlackSocketModeClientTests
{
    private const int SocketOpenEvent = 5202;
    private const int ConnectFailedEvent = 5204;
    private const int RateLimitedEvent = 5206;
    private const int RetryingEvent = 5208;
    private const int LinkDisabledEvent = 5212;
    private const int QuietEvent = 5213;
    private const int ConnectionLostEvent = 5214;
    private const int StoppedEvent = 5219;
    private const int MessageTooLargeEvent = 5220;
    private const int MalformedEvent = 5222;
    private const int HandlerFailedEvent = 5232;

    private static readonly TimeSpan QuietPeriod = new SlackOptions().SocketModeQuietPeriod;

    [Fact]
    public async Task ExecuteAsync_Started_OpensConnectionWithAppTokenAndConnectsToReturnedUrl()
    {
        await using var harness = await SocketModeHarness.CreateAsync();

        await harness.StartAsync();
        var connection = await harness.Server.NextConnectionAsync();

        Assert.Equal(new[] { SocketModeHarness.AppToken }, harness.Api.AppTokens);
        Assert.Equal($"?ticket={FakeSlackSocketServer.Ticket}", connection.Query);
    }

    [Fact]
    public async Task Envelope_EventsApiAfterHello_HandlerGetsTypeAndPayloadAndAckCarriesEnvelopeId()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();
        var payload = EventCallback("Ev01", "we could do 5% off");
        var sent = payload.ToJsonString();

        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", payload);
        var (type, received) = await harness.Handler.NextCallAsync();

        Assert.Equal("events_api", type);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sent), JsonNode.Parse(received.GetRawText())));
        Assert.Equal("""{"envelope_id":"env-1"}""", ack.GetRawText());
    }

    [Fact]
    public async Task Envelope_SlashCommandAcceptingResponsePayload_AckCarriesHandlerPayload()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Handler.Respond = (type, payload) => new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = $"{type}: {payload.GetProperty("text").GetString()}",
        };
        var connection = await harness.StartWithHelloAsync();

        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-cmd", "slash_commands", SlashCommand("/deal", "open Acme renewal"), acceptsResponsePayload: true);

        Assert.Equal(
            """{"envelope_id":"env-cmd","payload":{"response_type":"ephemeral","text":"slash_commands: open Acme renewal"}}""",
            ack.GetRawText());
    }

    [Fact]
    public async Task Envelope_HandlerAnswersButResponsePayloadNotAccepted_AckHasNoPayload()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Handler.Respond = (_, _) => new JsonObject { ["text"] = "not wanted" };
        var connection = await harness.StartWithHelloAsync();

        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-2", "events_api", EventCallback("Ev02", "hi"));

        Assert.Equal("""{"envelope_id":"env-2"}""", ack.GetRawText());
    }

    [Fact]
    public async Task Envelope_HandlerThrows_StillAckedAndErrorLogged()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Handler.Respond = (_, _) => throw new InvalidOperationException("storage is down");
        var connection = await harness.StartWithHelloAsync();

        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-3", "slash_commands", SlashCommand("/deal", "help"), acceptsResponsePayload: true);

        Assert.Equal("""{"envelope_id":"env-3"}""", ack.GetRawText());
        Assert.Contains(harness.Logger.Entries, e => e.Id.Id == HandlerFailedEvent && e.Level == LogLevel.Error && e.Text.Contains("env-3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Envelopes_SeveralInARow_HandledAndAckedInArrivalOrder()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();

        for (var i = 1; i <= 5; i++)
        {
            await connection.SendEnvelopeAsync($"env-{i}", "events_api", EventCallback($"Ev{i}", $"message {i}"));
        }

        var acks = new List<string>();
        var events = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            acks.Add((await connection.ReceiveAsync()).GetProperty("envelope_id").GetString()!);
            events.Add((await harness.Handler.NextCallAsync()).Payload.GetProperty("event_id").GetString()!);
        }

        Assert.Equal(new[] { "env-1", "env-2", "env-3", "env-4", "env-5" }, acks);
        Assert.Equal(new[] { "Ev1", "Ev2", "Ev3", "Ev4", "Ev5" }, events);
    }

    [Theory]
    [InlineData("warning")]
    [InlineData("refresh_requested")]
    public async Task Disconnect_WarningOrRefreshRequested_OpensSecondConnectionBeforeClosingFirst(string reason)
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var first = await harness.StartWithHelloAsync();

        await first.SendDisconnectAsync(reason);
        var second = await harness.Server.NextConnectionAsync();

        // The second socket is open and the first still serves until the second says hello.
        Assert.False(first.ClientClose.IsCompleted);
        var lateAck = await first.SendEnvelopeAndReceiveAckAsync("env-old", "events_api", EventCallback("EvOld", "still here"));
        Assert.Equal("env-old", lateAck.GetProperty("envelope_id").GetString());

        await second.SendHelloAsync(openConnections: 2);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.ClientClose.WaitAsync(FakeSlackSocketServer.Patience));

        var ack = await second.SendEnvelopeAndReceiveAckAsync("env-new", "events_api", EventCallback("EvNew", "on the new link"));
        Assert.Equal("env-new", ack.GetProperty("envelope_id").GetString());
        var handled = new[] { await harness.Handler.NextCallAsync(), await harness.Handler.NextCallAsync() };
        Assert.Equal(new[] { "EvOld", "EvNew" }, handled.Select(c => c.Payload.GetProperty("event_id").GetString()));
    }

    [Fact]
    public async Task Disconnect_LinkDisabled_ClosesStopsWithoutReconnectingAndLogsError()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();

        await connection.SendDisconnectAsync("link_disabled");
        await harness.Execution.WaitAsync(FakeSlackSocketServer.Patience);

        Assert.True(harness.Execution.IsCompletedSuccessfully);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.ClientClose);
        Assert.Equal(1, harness.Api.OpenConnectionCalls);
        Assert.Equal(1, harness.Server.ConnectionCount);
        Assert.Contains(harness.Logger.Entries, e => e.Id.Id == LinkDisabledEvent && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Connection_ServerDropsAbruptly_ReconnectsAtOnceAndHandlesEnvelopes()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var first = await harness.StartWithHelloAsync();
        await first.SendEnvelopeAndReceiveAckAsync("env-before", "events_api", EventCallback("EvBefore", "settled in"));

        first.Abort();
        // No clock advance: a connection that had said hello is replaced without a backoff wait.
        var second = await harness.Server.NextConnectionWithHelloAsync();
        var ack = await second.SendEnvelopeAndReceiveAckAsync("env-after", "events_api", EventCallback("EvAfter", "back again"));

        Assert.Equal("env-after", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(2, harness.Api.OpenConnectionCalls);
        Assert.True(harness.Logger.Has(ConnectionLostEvent));
    }

    [Fact]
    public async Task Connection_ServerClosesGracefully_ClientAnswersCloseAndReconnects()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var first = await harness.StartWithHelloAsync();

        await first.CloseAsync();
        var closeStatus = await first.ClientClose.WaitAsync(FakeSlackSocketServer.Patience);
        var second = await harness.Server.NextConnectionWithHelloAsync();
        var ack = await second.SendEnvelopeAndReceiveAckAsync("env-after", "events_api", EventCallback("EvAfter", "back again"));

        Assert.Equal(WebSocketCloseStatus.NormalClosure, closeStatus);
        Assert.Equal("env-after", ack.GetProperty("envelope_id").GetString());
    }

    [Fact]
    public async Task Watchdog_NothingReceivedForQuietPeriod_OpensNewConnectionThenClosesOld()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var first = await harness.StartWithHelloAsync();
        await first.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", EventCallback("Ev1", "last words"));

        harness.Time.Advance(QuietPeriod);
        var second = await harness.Server.NextConnectionAsync();
        await second.SendHelloAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.ClientClose.WaitAsync(FakeSlackSocketServer.Patience));
        Assert.True(harness.Logger.Has(QuietEvent));
        var ack = await second.SendEnvelopeAndReceiveAckAsync("env-2", "events_api", EventCallback("Ev2", "new link"));
        Assert.Equal("env-2", ack.GetProperty("envelope_id").GetString());
    }

    [Fact]
    public async Task Watchdog_MessagesKeepArrivingWithinQuietPeriod_KeepsConnection()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();
        var almostQuiet = QuietPeriod - TimeSpan.FromSeconds(1);

        await connection.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", EventCallback("Ev1", "one"));
        harness.Time.Advance(almostQuiet);
        await connection.SendEnvelopeAndReceiveAckAsync("env-2", "events_api", EventCallback("Ev2", "two"));
        harness.Time.Advance(almostQuiet);
        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-3", "events_api", EventCallback("Ev3", "three"));

        // The watchdog logs synchronously when it fires inside Advance, so its absence is conclusive.
        Assert.False(harness.Logger.Has(QuietEvent));
        Assert.Equal("env-3", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(1, harness.Api.OpenConnectionCalls);
    }

    [Fact]
    public async Task Watchdog_NoHelloWithinQuietPeriod_GivesUpOnConnectionAndRetries()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        await harness.StartAsync();
        var silent = await harness.Server.NextConnectionAsync();

        harness.Time.Advance(QuietPeriod);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await harness.Server.NextConnectionWithHelloAsync();

        Assert.Null(await silent.ClientClose.WaitAsync(FakeSlackSocketServer.Patience));
        var ack = await second.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", EventCallback("Ev1", "finally"));
        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
    }

    [Fact]
    public async Task Receive_MessageSplitAcrossFrames_Reassembled()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();
        var bytes = Encoding.UTF8.GetBytes(FakeSlackSocketConnection.Envelope("env-split", "events_api", EventCallback("EvSplit", "a café at 5 €, split mid-character")));
        var euro = Array.IndexOf(bytes, (byte)0xE2);

        await connection.SendFramesAsync([bytes[..10], bytes[10..(euro + 1)], bytes[(euro + 1)..]]);
        var ack = await connection.ReceiveAsync();
        var (_, payload) = await harness.Handler.NextCallAsync();

        Assert.Equal("env-split", ack.GetProperty("envelope_id").GetString());
        Assert.Equal("a café at 5 €, split mid-character", payload.GetProperty("event").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Receive_OversizeMessage_DroppedAndConnectionKeepsWorking()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();
        var huge = Encoding.UTF8.GetBytes(FakeSlackSocketConnection.Envelope("env-huge", "events_api", EventCallback("EvHuge", new string('x', 1024 * 1024))));

        await connection.SendFramesAsync(huge.Chunk(64 * 1024).ToList());
        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-small", "events_api", EventCallback("EvSmall", "small"));

        Assert.Equal("env-small", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(1, harness.Handler.Count);
        Assert.Contains(harness.Logger.Entries, e => e.Id.Id == MessageTooLargeEvent && e.Text.Contains(huge.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receive_MalformedJson_IgnoredAndConnectionKeepsWorking()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();

        await connection.SendAsync("{\"envelope_id\": \"env-broken\", \"type\": ");
        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-ok", "events_api", EventCallback("EvOk", "fine"));

        Assert.Equal("env-ok", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(1, harness.Handler.Count);
        Assert.True(harness.Logger.Has(MalformedEvent));
    }

    [Fact]
    public async Task Connect_ConnectionsOpenFails_RetriesWithDoublingBackoff()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Api.FailNext(new SlackApiException("apps.connections.open", "internal_error"));
        harness.Api.FailNext(new SlackApiException("apps.connections.open", "internal_error"));

        await harness.StartAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.Server.NextConnectionWithHelloAsync();

        Assert.Equal(3, harness.Api.OpenConnectionCalls);
        Assert.Equal(2, harness.Logger.Entries.Count(e => e.Id.Id == RetryingEvent));
        Assert.Equal(2, harness.Logger.Entries.Count(e => e.Id.Id == ConnectFailedEvent));
    }

    [Fact]
    public async Task Connect_ConnectionRefused_RetriesAfterBackoff()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Api.AnswerNext(new Uri($"ws://127.0.0.1:{FreePort.Next()}/link/?ticket={FakeSlackSocketServer.Ticket}"));

        await harness.StartAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var connection = await harness.Server.NextConnectionWithHelloAsync();
        var ack = await connection.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", EventCallback("Ev1", "made it"));

        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(2, harness.Api.OpenConnectionCalls);
        Assert.True(harness.Logger.Has(ConnectFailedEvent));
    }

    [Fact]
    public async Task Connect_RateLimited_WaitsRetryAfterBeforeNextAttempt()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Api.FailNext(new SlackRateLimitedException("apps.connections.open", TimeSpan.FromSeconds(30)));

        await harness.StartAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, harness.Api.OpenConnectionCalls);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.Server.NextConnectionWithHelloAsync();

        Assert.Equal(2, harness.Api.OpenConnectionCalls);
        Assert.True(harness.Logger.Has(RateLimitedEvent));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void BackoffDelay_ConsecutiveFailures_DoublesUpToCap(int failures, int expectedSeconds)
    {
        var delay = SlackSocketModeClient.BackoffDelay(failures, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public async Task StopAsync_WhileConnected_ClosesSocketGracefullyAndCompletes()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        var connection = await harness.StartWithHelloAsync();
        await connection.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", EventCallback("Ev1", "settled in"));

        await harness.StopAsync();

        Assert.True(harness.Execution.IsCompletedSuccessfully);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.ClientClose.WaitAsync(FakeSlackSocketServer.Patience));
        Assert.True(harness.Logger.Has(StoppedEvent));
    }

    [Fact]
    public async Task StopAsync_WhileWaitingForHello_ClosesSocketGracefullyAndCompletes()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        await harness.StartAsync();
        var connection = await harness.Server.NextConnectionAsync();
        await harness.Logger.WaitForAsync(SocketOpenEvent);

        await harness.StopAsync();

        Assert.True(harness.Execution.IsCompletedSuccessfully);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.ClientClose.WaitAsync(FakeSlackSocketServer.Patience));
    }

    [Fact]
    public async Task StopAsync_WhileWaitingToRetry_CompletesWithoutAnotherAttempt()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Api.FailNext(new SlackApiException("apps.connections.open", "internal_error"));
        await harness.StartAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        await harness.StopAsync();

        Assert.True(harness.Execution.IsCompletedSuccessfully);
        Assert.Equal(1, harness.Api.OpenConnectionCalls);
        Assert.Equal(0, harness.Server.ConnectionCount);
    }

    [Fact]
    public async Task Logs_WholeSession_NeverCarryAppTokenTicketOrPayload()
    {
        await using var harness = await SocketModeHarness.CreateAsync();
        harness.Api.AnswerNext(new Uri($"ws://127.0.0.1:{FreePort.Next()}/link/?ticket={FakeSlackSocketServer.Ticket}"));
        harness.Handler.Respond = (_, _) => throw new InvalidOperationException("handler broke");
        const string Secret = "our walk-away price is 80k";

        await harness.StartAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var first = await harness.Server.NextConnectionWithHelloAsync();
        await first.SendEnvelopeAndReceiveAckAsync("env-1", "events_api", EventCallback("Ev1", Secret));
        await first.SendDisconnectAsync("refresh_requested");
        var second = await harness.Server.NextConnectionWithHelloAsync();
        await first.ClientClose.WaitAsync(FakeSlackSocketServer.Patience);
        await harness.StopAsync();
        await second.ClientClose.WaitAsync(FakeSlackSocketServer.Patience);

        var logs = harness.Logger.AllText;
        Assert.Contains("env-1", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SocketModeHarness.AppToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSlackSocketServer.Ticket, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoAppToken_Throws()
    {
        var api = new TestSlackWebApi(new Uri("ws://127.0.0.1:1/"));

        var error = Assert.Throws<ArgumentException>(() => new SlackSocketModeClient(api, new RecordingEnvelopeHandler(), new SlackOptions(), TimeProvider.System, new CapturingLogger<SlackSocketModeClient>()));

        Assert.Contains("AppToken", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject EventCallback(string eventId, string text) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = "T0TEST",
        ["api_app_id"] = "A0TEST",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_700_000_000,
        ["event"] = new JsonObject
        {
            ["type"] = "message",
            ["channel"] = "C0DEAL",
            ["user"] = "U0ALICE",
            ["text"] = text,
            ["ts"] = "1700000000.000100",
        },
    };

    private static JsonObject SlashCommand(string command, string text) => new()
    {
        ["command"] = command,
        ["text"] = text,
        ["team_id"] = "T0TEST",
        ["channel_id"] = "C0DEAL",
        ["user_id"] = "U0ALICE",
        ["response_url"] = "https://hooks.slack.com/commands/T0TEST/1/abc",
        ["trigger_id"] = "1.2.abc",
    };
}
