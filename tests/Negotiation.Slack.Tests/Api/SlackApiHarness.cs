using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Slack.Api;
using Negotiation.Testing;

namespace Negotiation.Slack.Tests.Api;

/// <summary>The registered Slack client (real DI, real HTTP) pointed at a <see cref="FakeSlackApi"/>, on a fake clock.</summary>
internal sealed class SlackApiHarness : IAsyncDisposable
{
    public const string Token = "xoxb-1111-2222-SECRETsecretSECRET";
    public const string OtherToken = "xoxb-3333-4444-OTHERotherOTHER";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services;

    private SlackApiHarness(FakeSlackApi slack, FakeTimeProvider time, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Slack = slack;
        Time = time;
        _services = services;
        Logs = logs;
        Api = services.GetRequiredService<ISlackWebApi>();
    }

    public FakeSlackApi Slack { get; }

    public FakeTimeProvider Time { get; }

    public ISlackWebApi Api { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<SlackApiHarness> StartAsync(Action<SlackWebApiResilienceOptions>? configure = null, Func<FakeSlackApi, Uri>? apiBaseUrl = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var slack = await FakeSlackApi.StartAsync(time);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSlackWebApi(new SlackOptions { ApiBaseUrl = apiBaseUrl?.Invoke(slack) ?? slack.BaseUrl }, configure);
        return new SlackApiHarness(slack, time, services.BuildServiceProvider(), logs);
    }

    /// <summary>
    /// Calls one Web API method with a minimal valid request, as <paramref name="token"/>'s workspace; a call that never
    /// finishes (say, stuck waiting on the fake clock) fails the test after <see cref="Patience"/> instead of hanging it.
    /// </summary>
    public Task CallAsync(string method, string token = Token) => Call(method, token).WaitAsync(Patience);

    private Task Call(string method, string token) => method switch
    {
        "chat.postMessage" => Api.PostMessageAsync(token, new SlackMessage("C1", "x")),
        "chat.postEphemeral" => Api.PostEphemeralAsync(token, "U1", new SlackMessage("C1", "x")),
        "chat.update" => Api.UpdateMessageAsync(token, "1.2", new SlackMessage("C1", "x")),
        "reactions.add" => Api.AddReactionAsync(token, "C1", "1.2", "eyes"),
        "views.open" => Api.OpenViewAsync(token, "trigger", new JsonObject { ["type"] = "modal" }),
        "views.update" => Api.UpdateViewAsync(token, "V1", new JsonObject { ["type"] = "modal" }),
        "auth.test" => Api.AuthTestAsync(token),
        "oauth.v2.access" => Api.OAuthV2AccessAsync("123.456", "client-secret", "code", redirectUri: null),
        "apps.connections.open" => Api.OpenConnectionAsync(token),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line (with its exception), to check nothing secret is written.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}
