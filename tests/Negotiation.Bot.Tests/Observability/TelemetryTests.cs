using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Conversations.Telemetry;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Observability;

/// <summary>The coach's metrics and spans, recorded by the real host while it serves real HTTP requests.</summary>
public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-telemetry-tests", Guid.NewGuid().ToString("N"));
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private ReplyCollector _replies = null!;
    private TestHost _host = null!;
    private MetricRecorder _metrics = null!;

    public async Task InitializeAsync()
    {
        _replies = await ReplyCollector.StartAsync();
        _host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={_replies.Webhook}"]);
        _metrics = new MetricRecorder(_host.App.Services.GetRequiredService<IMeterFactory>());
    }

    public void Dispose() => _metrics.Dispose();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _replies.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ChatWithAGive_RecordsRequestsAcksGiveInterpreterLatencyAndPromptSent()
    {
        string[] texts = ["/deal start Acme renewal", "/deal phase propose", "we gave them net-60 payment terms"];
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _host.PostEventAsync($"{_run}-{i}", "room", texts[i])).StatusCode);
        }

        await _metrics.WaitForAsync("coach.outbox.sent", texts.Length, Timeout, ("platform", "local"));

        Assert.Equal(3, _metrics.Sum("coach.requests", ("platform", "local"), ("status_class", "2xx")));
        Assert.Equal(3, _metrics.Sum("coach.acks", ("platform", "local"), ("outcome", "recorded")));
        Assert.Equal(1, _metrics.Sum("coach.gives.detected", ("platform", "local")));
        Assert.Equal(1, _metrics.Sum("coach.prompts.sent", ("platform", "local")));
        var latency = Assert.Single(_metrics.Measurements, m => m.Instrument == "coach.interpreter.duration");
        Assert.True(latency.Has("label", "Give"));
        Assert.True(latency.Value >= 0);
    }

    [Fact]
    public async Task SameEventTwice_CountsOneRecordedAndOneDuplicateAck()
    {
        await _host.PostEventAsync($"{_run}-dup", "room", "/deal help");
        await _host.PostEventAsync($"{_run}-dup", "room", "/deal help");

        Assert.Equal(1, _metrics.Sum("coach.acks", ("platform", "local"), ("outcome", "recorded")));
        Assert.Equal(1, _metrics.Sum("coach.acks", ("platform", "local"), ("outcome", "duplicate")));
    }

    [Fact]
    public async Task RefusedRequest_IsCountedAsA4xxRequestAndNotAcked()
    {
        var response = await _host.Http.PostAsync(new Uri("/local/events", UriKind.Relative), new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, _metrics.Sum("coach.requests", ("platform", "local"), ("status_class", "4xx")));
        Assert.Equal(0, _metrics.Sum("coach.acks"));
    }

    [Fact]
    public async Task InboxDepthGauge_ReportsPendingAndParkedFromTheDatabase()
    {
        await _host.PostEventAsync($"{_run}-help", "room", "/deal help");
        await _metrics.WaitForAsync("coach.outbox.sent", 1, Timeout);

        _metrics.Observe();

        var depth = _metrics.Measurements.Where(m => m.Instrument == "coach.inbox.depth").ToList();
        Assert.Equal(0, Assert.Single(depth, m => m.Has("status", "pending")).Value);
        Assert.Equal(0, Assert.Single(depth, m => m.Has("status", "parked")).Value);
    }

    [Fact]
    public async Task Spans_CoverInboxProcessingAndOutboxSendOfAnEvent()
    {
        var eventId = $"{_run}-span";
        var stopped = new ConcurrentQueue<Activity>();
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CoachMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("coach.event_id") as string != eventId)
                {
                    return;
                }

                stopped.Enqueue(activity);
                if (activity.OperationName == "coach.outbox.send")
                {
                    sent.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await _host.PostEventAsync(eventId, "room", "/deal help");
        await sent.Task.WaitAsync(Timeout);

        var process = Assert.Single(stopped, a => a.OperationName == "coach.inbox.process");
        Assert.Equal("local", process.GetTagItem("coach.platform"));
        Assert.Equal("command", process.GetTagItem("coach.activity"));
        Assert.Equal(true, process.GetTagItem("coach.replied"));
        var send = Assert.Single(stopped, a => a.OperationName == "coach.outbox.send");
        Assert.Equal(1, send.GetTagItem("coach.attempt"));
    }
}

/// <summary>A reply the platform refuses is counted as an outbox failure.</summary>
public sealed class OutboxFailureMetricTests
{
    [Fact]
    public async Task WebhookRefusesTheReply_CountsAnOutboxFailure()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-telemetry-tests", Guid.NewGuid().ToString("N"));
        await using var replies = await ReplyCollector.StartAsync();
        var missing = new Uri(replies.Webhook, "/no-such-hook");
        await using (var host = await TestHost.StartAsync([.. TestHost.Sqlite(folder), "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={missing}"]))
        {
            using var metrics = new MetricRecorder(host.App.Services.GetRequiredService<IMeterFactory>());

            await host.PostEventAsync("fail-1", "room", "/deal help");
            await metrics.WaitForAsync("coach.outbox.failures", 1, TimeSpan.FromSeconds(30), ("platform", "local"));

            Assert.Equal(0, metrics.Sum("coach.outbox.sent"));
            Assert.Empty(replies.Replies);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
