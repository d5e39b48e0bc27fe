using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Observability;

/// <summary>With <c>Telemetry:OtlpEndpoint</c> set, traces and metrics reach a (local, fake) OTLP/HTTP collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpoint_HttpProtobuf_ExportsTheCoachSpansAndMetricsToEachSignalsPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-otlp-tests", Guid.NewGuid().ToString("N"));
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var replies = await ReplyCollector.StartAsync();
        var host = await TestHost.StartAsync(
        [
            .. TestHost.Sqlite(folder), "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={replies.Webhook}",
            $"--Telemetry:OtlpEndpoint={collector.Address}", "--Telemetry:OtlpProtocol=HttpProtobuf", "--Telemetry:ServiceName=coach-under-test",
        ]);
        await host.PostEventAsync("otlp-1", "room", "/deal help");
        await replies.WaitForAsync(1, TimeSpan.FromSeconds(30));

        // Stopping the host flushes both exporters: no waiting on export intervals.
        await host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        var traces = collector.Bodies("/v1/traces");
        var metrics = collector.Bodies("/v1/metrics");
        Assert.Contains(traces, b => b.Contains("coach.inbox.process", StringComparison.Ordinal) && b.Contains("coach-under-test", StringComparison.Ordinal));
        Assert.Contains(traces, b => b.Contains("coach.outbox.send", StringComparison.Ordinal));
        Assert.Contains(metrics, b => b.Contains("coach.acks", StringComparison.Ordinal) && b.Contains("coach.outbox.sent", StringComparison.Ordinal));
        Assert.All(collector.ContentTypes, t => Assert.Equal("application/x-protobuf", t));
    }

    /// <summary>Records what OTLP/HTTP exporters POST, by path; protobuf strings are plain UTF-8, so names can be found in the bytes.</summary>
    private sealed class FakeOtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body, string? ContentType)> _posts = new();

        private FakeOtlpCollector(WebApplication app) => _app = app;

        public Uri Address { get; private set; } = null!;

        public IEnumerable<string?> ContentTypes => _posts.Select(p => p.ContentType);

        public static async Task<FakeOtlpCollector> StartAsync()
        {
            var app = LoopbackApp.Create();
            var collector = new FakeOtlpCollector(app);
            app.MapPost("/{**path}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector._posts.Enqueue((request.Path.Value!, Encoding.UTF8.GetString(body.ToArray()), request.ContentType));
                return Results.Ok();
            });
            collector.Address = await LoopbackApp.StartAsync(app);
            return collector;
        }

        public List<string> Bodies(string path) => _posts.Where(p => p.Path == path).Select(p => p.Body).ToList();

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
