using Negotiation.Slack.SocketMode;

using Negotiation.Testing;

namespace Negotiation.Slack.Tests.SocketMode;

/// <summary>A Socket Mode client wired to a fake Slack edge, a recording handler, a fake clock and a capturing logger.</summary>
internal sealed class SocketModeHarness : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A0TEST-0000-secretsecretsecret";

    private SocketModeHarness(FakeSlackSocketServer server, SlackOptions options)
    {
        Server = server;
        Options = options;
        Api = new TestSlackWebApi(server.Url);
        Client = new SlackSocketModeClient(Api, Handler, options, Time, Logger);
    }

    public FakeSlackSocketServer Server { get; }

    public SlackOptions Options { get; }

    public TestSlackWebApi Api { get; }

    public RecordingEnvelopeHandler Handler { get; } = new();

    public TimerWatchingTimeProvider Time { get; } = new();

    public CapturingLogger<SlackSocketModeClient> Logger { get; } = new();

    public SlackSocketModeClient Client { get; }

    /// <summary>The client's run; completed once it has stopped.</summary>
    public Task Execution => Client.ExecuteTask ?? throw new InvalidOperationException("Not started.");

    public static async Task<SocketModeHarness> CreateAsync()
    {
        var server = await FakeSlackSocketServer.StartAsync();
        return new SocketModeHarness(server, new SlackOptions { AppToken = AppToken });
    }

    /// <summary>Starts the client; it calls apps.connections.open and connects.</summary>
    public Task StartAsync() => Client.StartAsync(CancellationToken.None);

    /// <summary>Starts the client and greets its first connection.</summary>
    public async Task<FakeSlackSocketConnection> StartWithHelloAsync()
    {
        await StartAsync();
        return await Server.NextConnectionWithHelloAsync();
    }

    public async Task StopAsync()
    {
        using var patience = new CancellationTokenSource(FakeSlackSocketServer.Patience);
        await Client.StopAsync(patience.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.ExecuteTask is { IsCompleted: false })
        {
            await StopAsync();
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }
}
