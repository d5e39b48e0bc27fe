using System.Net;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Observability;

/// <summary>The Prometheus scrape endpoint: absent unless <c>Telemetry:Prometheus:Enabled</c>, and then it shows the coach's metrics.</summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task Metrics_ByDefault_IsNotMapped()
    {
        var folder = NewFolder();
        await using (var host = await TestHost.StartAsync(TestHost.Sqlite(folder)))
        {
            var response = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Cleanup(folder);
    }

    [Fact]
    public async Task Metrics_Enabled_ServesTheCoachMetricsInPrometheusFormat()
    {
        var folder = NewFolder();
        await using var replies = await ReplyCollector.StartAsync();
        await using (var host = await TestHost.StartAsync(
            [.. TestHost.Sqlite(folder), "--Telemetry:Prometheus:Enabled=true", "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={replies.Webhook}"]))
        {
            string[] texts = ["/deal start Acme renewal", "/deal phase propose", "we gave them net-60 payment terms"];
            for (var i = 0; i < texts.Length; i++)
            {
                await host.PostEventAsync($"p{i}", "room", texts[i]);
            }

            await replies.WaitForAsync(texts.Length, TimeSpan.FromSeconds(30));
            // The prompt is counted once the webhook has answered; its reply is in, so wait on the next one's.
            await host.PostEventAsync("p-last", "room", "/deal help");
            await replies.WaitForAsync(texts.Length + 1, TimeSpan.FromSeconds(30));

            var response = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            foreach (var name in new[]
            {
                "coach_requests_total{", "coach_acks_total{", "coach_gives_detected_total{", "coach_interpreter_duration_seconds_bucket{",
                "coach_inbox_depth{", "coach_outbox_sent_total{", "coach_prompts_sent_total{", "http_server_request_duration_seconds_bucket{",
            })
            {
                Assert.Contains(name, text, StringComparison.Ordinal);
            }

            Assert.Contains("platform=\"local\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("net-60", text, StringComparison.Ordinal);
        }

        Cleanup(folder);
    }

    [Fact]
    public async Task Metrics_EnabledOnAnotherPath_ServesThereOnly()
    {
        var folder = NewFolder();
        await using (var host = await TestHost.StartAsync([.. TestHost.Sqlite(folder), "--Telemetry:Prometheus:Enabled=true", "--Telemetry:Prometheus:Path=/internal/metrics"]))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/internal/metrics", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        }

        Cleanup(folder);
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "negotiation-prometheus-tests", Guid.NewGuid().ToString("N"));

    private static void Cleanup(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
