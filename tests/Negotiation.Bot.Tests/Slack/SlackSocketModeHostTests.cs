using System.Text.Json.Nodes;
using Negotiation.Domain.Coaching;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Slack;

/// <summary>Socket Mode through the whole host (protocols.md A7): the same dispatch, inbox and replies as HTTP.</summary>
public sealed class SlackSocketModeHostTests : IAsyncLifetime
{
    private const string Thread = "1732612700.000100";
    private FakeSlackSocketServer _edge = null!;
    private SlackHarness _slack = null!;
    private FakeSlackSocketConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _edge = await FakeSlackSocketServer.StartAsync();
        _slack = await SlackHarness.StartAsync(_edge.Url, $"--Slack:BotToken={SlackHarness.BotToken}", "--Slack:AppToken=xapp-1-A0TEST-0000-secret");
        _connection = await _edge.NextConnectionWithHelloAsync();
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _connection.Dispose();
        await _edge.DisposeAsync();
    }

    [Fact]
    public async Task GiveOverTheSocket_IsAckedRecordedAndPromptedInItsThread_OnceDespiteARedelivery()
    {
        foreach (var (id, text) in new[] { ("e1", "start Acme renewal trading"), ("e2", "plan want two-year term value $40k"), ("e3", "phase propose") })
        {
            var ack = await _connection.SendEnvelopeAndReceiveAckAsync(id, "slash_commands", Command(text, "t-" + id), acceptsResponsePayload: true);
            Assert.Equal(id, ack.GetProperty("envelope_id").GetString());
        }

        var message = JsonNode.Parse(SlackHarness.MessageEvent("Ev1", "we gave them net-60 payment terms", "1732612800.000200", Thread))!.AsObject();
        var first = await _connection.SendEnvelopeAndReceiveAckAsync("e4", "events_api", message);
        var again = await _connection.SendEnvelopeAndReceiveAckAsync("e5", "events_api", (JsonObject)message.DeepClone());
        await _slack.DrainedAsync();

        Assert.Equal("e4", first.GetProperty("envelope_id").GetString());
        Assert.Equal("e5", again.GetProperty("envelope_id").GetString());
        var prompt = Assert.Single(_slack.PostsInThread(Thread));
        Assert.Contains(CoachingVoice.ReciprocityQuestion, prompt.JsonString("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpOverTheSocket_IsAnsweredInTheAck()
    {
        var ack = await _connection.SendEnvelopeAndReceiveAckAsync("e1", "slash_commands", Command("help", "t-help"), acceptsResponsePayload: true);

        var payload = ack.GetProperty("payload");
        Assert.Equal("ephemeral", payload.GetProperty("response_type").GetString());
        Assert.Contains("/deal give", payload.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private JsonObject Command(string text, string trigger)
    {
        var fields = new JsonObject();
        foreach (var (name, value) in _slack.CommandFields(text, trigger))
        {
            fields[name] = value;
        }

        return fields;
    }
}
