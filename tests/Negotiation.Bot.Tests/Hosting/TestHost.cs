global using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Negotiation.Bot.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Hosting;

/// <summary>The real web host on a loopback port, with settings given as command-line arguments.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, Uri address)
    {
        App = app;
        Http = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>A temporary SQLite file's settings, removed with the host's folder by the caller.</summary>
    public static string[] Sqlite(string folder) => ["--Storage:Provider=Sqlite", $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "negotiation.db")}"];

    public static Task<TestHost> StartAsync(params string[] settings) => StartAsync(_ => { }, settings);

    /// <summary><paramref name="beforeStart"/> sees the built host before it starts (e.g. to add a log capture).</summary>
    public static async Task<TestHost> StartAsync(Action<WebApplication> beforeStart, params string[] settings)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Workers:PollInterval=00:00:00.050", .. settings];
        var app = WebHost.Build(args);
        beforeStart(app);
        await app.StartAsync();
        return new TestHost(app, LoopbackApp.Address(app));
    }

    /// <summary>Waits until every recorded event was processed and every reply delivered or parked (the host's /readyz figures).</summary>
    public async Task<System.Text.Json.JsonElement> DrainedAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (true)
        {
            using var ready = System.Text.Json.JsonDocument.Parse(await Http.GetStringAsync(new Uri("/readyz", UriKind.Relative), deadline.Token));
            var root = ready.RootElement;
            if (root.GetProperty("inbox").GetProperty("pending").GetInt32() == 0 && root.GetProperty("outbox").GetProperty("pending").GetInt32() == 0)
            {
                return root.Clone();
            }

            await tick.WaitForNextTickAsync(deadline.Token);
        }
    }

    public Task<HttpResponseMessage> PostEventAsync(string eventId, string channel, string text, string user = "dana") =>
        Http.PostAsJsonAsync("/local/events", new { event_id = eventId, channel, user, text });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
