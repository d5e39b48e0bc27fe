// Load generator for the HTTP ingress (the local channel goes through the same inbox as Slack and Teams).
//   dotnet run -c Release --project bench/Negotiation.Bench -- [sqlite|postgres|all]
//   dotnet run -c Release --project bench/Negotiation.Bench -- interpreter [BenchmarkDotNet args]   (per-message interpretation)
//   dotnet run -c Release --project bench/Negotiation.Bench -- language-memory rules|ngrams|embeddings|combined
//   dotnet run -c Release --project bench/Negotiation.Bench -- slack-load <base url> <signing secret> <connections> <events>
//     (signed /slack/events load against any server; bench/slack-vs-bolt.sh runs it against the bot and a Bolt app)
// PostgreSQL needs NEGOTIATION_TEST_POSTGRES (e.g. export NEGOTIATION_TEST_POSTGRES="$(.ci/postgres.sh start)").
// Measures: (1) inbox ack path, events recorded and acked per second with 1, 8 and 64 concurrent writers;
//           (2) end to end, event posted → reply handed to the channel port (a webhook here), p50/p99 at 100 events/s.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Bot.Hosting;
using Negotiation.Testing;

if (args is ["interpreter", ..])
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<Negotiation.Bench.InterpreterBenchmarks>(args: args[1..]);
    return;
}

if (args is ["language-memory", var engineName])
{
    await Negotiation.Bench.InterpreterBenchmarks.ReportMemoryAsync(Enum.Parse<Negotiation.Language.EngineChoice>(engineName, ignoreCase: true));
    return;
}

if (args is ["slack-load", var url, var secret, var connections, var events])
{
    await SlackLoad.RunAsync(new Uri(url), secret, int.Parse(connections, CultureInfo.InvariantCulture), int.Parse(events, CultureInfo.InvariantCulture));
    return;
}

var which = args.Length > 0 ? args[0] : "all";
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
foreach (var provider in new[] { "sqlite", "postgres" }.Where(p => which == "all" || which == p))
{
    foreach (var writers in new[] { 1, 8, 64 })
    {
        await using var store = await Store.CreateAsync(provider);
        var rate = await AckRateAsync(store, writers, events: 3000);
        Console.WriteLine($"{provider,-8} ack path   {writers,2} writers: {rate,8:N0} events/s");
    }

    await using (var store = await Store.CreateAsync(provider))
    {
        var (p50, p99, count) = await EndToEndAsync(store, perSecond: 100, seconds: 10);
        Console.WriteLine($"{provider,-8} end to end at 100/s: p50 {p50,6:N1} ms, p99 {p99,6:N1} ms ({count} events)");
    }
}

static async Task<double> AckRateAsync(Store store, int writers, int events)
{
    await using var host = await Host.StartAsync(store, webhook: null, "--Workers:ProcessInbox=false", "--Workers:SendOutbox=false");
    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < events)
        {
            var response = await host.PostAsync($"ack-{i}", $"C{i % 50}", "/deal help");
            response.EnsureSuccessStatusCode();
        }
    }));
    return events / watch.Elapsed.TotalSeconds;
}

static async Task<(double P50, double P99, int Count)> EndToEndAsync(Store store, int perSecond, int seconds)
{
    await using var replies = await ReplyCollector.StartAsync();
    await using var host = await Host.StartAsync(store, replies.Webhook);
    var sentAt = new ConcurrentDictionary<string, long>();
    var total = perSecond * seconds;
    var clock = Stopwatch.StartNew();
    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / perSecond));
    var posts = new List<Task>();
    for (var i = 0; i < total && await timer.WaitForNextTickAsync(); i++)
    {
        var id = $"e2e-{i}";
        sentAt[id] = clock.ElapsedTicks;
        posts.Add(host.PostAsync(id, $"C{i % 20}", "/deal help"));
    }

    await Task.WhenAll(posts);
    await replies.WaitForAsync(total, TimeSpan.FromMinutes(2));
    var arrived = replies.ArrivalTicks(clock);
    var latencies = arrived.Select(a => (a.Ticks - sentAt[a.EventId]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
    return (Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count);
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

/// <summary>A fresh database of one provider.</summary>
sealed class Store : IAsyncDisposable
{
    private readonly Func<ValueTask> _drop;

    private Store(string[] settings, Func<ValueTask> drop)
    {
        Settings = settings;
        _drop = drop;
    }

    public string[] Settings { get; }

    public static async Task<Store> CreateAsync(string provider)
    {
        if (provider == "postgres")
        {
            var database = await PostgresDatabase.CreateAsync();
            return new Store(["--Storage:Provider=Postgres", $"--Storage:ConnectionString={database.ConnectionString}"], database.DisposeAsync);
        }

        var folder = Path.Combine(Path.GetTempPath(), "negotiation-bench", Guid.NewGuid().ToString("N"));
        return new Store(["--Storage:Provider=Sqlite", $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "negotiation.db")}"], () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    public ValueTask DisposeAsync() => _drop();
}

/// <summary>The bot's web host on a loopback port.</summary>
sealed class Host : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private Host(WebApplication app, HttpClient http)
    {
        _app = app;
        _http = http;
    }

    public static async Task<Host> StartAsync(Store store, Uri? webhook, params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Error", "--LocalChannel:Enabled=true", "--Workers:PollInterval=00:00:00.050",
            .. store.Settings, .. webhook is null ? Array.Empty<string>() : [$"--LocalChannel:ReplyWebhook={webhook}"], .. settings,
        ];
        var app = WebHost.Build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 128 }) { BaseAddress = new Uri(address) };
        return new Host(app, http);
    }

    public Task<HttpResponseMessage> PostAsync(string eventId, string channel, string text) =>
        _http.PostAsJsonAsync("/local/events", new { event_id = eventId, channel, user = "bench", text });

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
