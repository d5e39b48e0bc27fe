using System.Diagnostics;
using System.Diagnostics.Metrics;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Outbound;

namespace Negotiation.Conversations.Telemetry;

/// <summary>How many inbox items wait and how many were parked, for the inbox depth gauge.</summary>
public readonly record struct InboxDepth(long Pending, long Parked);

/// <summary>
/// Every metric and span of the bot in one place: the <c>Negotiation.Coach</c> meter and activity source. Tags are
/// platform names, outcomes and labels only — never ids of people, channels or message text.
/// </summary>
public sealed class CoachMetrics : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Negotiation.Coach";

    /// <summary>Spans of inbox processing and outbox sends.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>For code built without DI (the CLI, unit tests): metrics go to a meter of its own.</summary>
    public static CoachMetrics Shared { get; } = new(null);

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _acks;
    private readonly Counter<long> _outboxSent;
    private readonly Counter<long> _outboxFailures;
    private readonly Histogram<double> _interpreterDuration;
    private readonly Counter<long> _givesDetected;
    private readonly Counter<long> _promptsSent;

    /// <param name="meterFactory">The host's factory (so tests can tell hosts apart); null makes a standalone meter.</param>
    /// <param name="inboxDepth">Reads the inbox depth when metrics are collected; null when there is no inbox to watch.</param>
    public CoachMetrics(IMeterFactory? meterFactory, Func<InboxDepth?>? inboxDepth = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _requests = _meter.CreateCounter<long>("coach.requests", "{request}", "Requests that reached a channel endpoint, by platform and status class.");
        _acks = _meter.CreateCounter<long>("coach.acks", "{activity}", "Inbound activities acked, by platform and outcome (recorded or duplicate).");
        _outboxSent = _meter.CreateCounter<long>("coach.outbox.sent", "{reply}", "Replies delivered, by platform.");
        _outboxFailures = _meter.CreateCounter<long>("coach.outbox.failures", "{failure}", "Failed reply deliveries, by platform and whether the reply was parked.");
        _interpreterDuration = _meter.CreateHistogram<double>("coach.interpreter.duration", "s", "Time the interpreter took to read one chat message, by the label it gave.");
        _givesDetected = _meter.CreateCounter<long>("coach.gives.detected", "{give}", "Gives the interpreter found in chat, by platform.");
        _promptsSent = _meter.CreateCounter<long>("coach.prompts.sent", "{prompt}", "Reciprocity prompts delivered, by platform.");
        if (inboxDepth is not null)
        {
            _meter.CreateObservableGauge("coach.inbox.depth", () => ObserveInboxDepth(inboxDepth), "{item}", "Inbox items waiting (pending) or parked.");
        }
    }

    public void RequestReceived(string platform, int statusCode) =>
        _requests.Add(1, new("platform", platform), new("status_class", StatusClass(statusCode)));

    public void Acked(string platform, bool duplicate) =>
        _acks.Add(1, new("platform", platform), new("outcome", duplicate ? "duplicate" : "recorded"));

    public void InterpreterRan(TimeSpan elapsed, string label) =>
        _interpreterDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("label", label));

    public void GiveDetected(string platform) => _givesDetected.Add(1, new KeyValuePair<string, object?>("platform", platform));

    /// <summary>A reply went out: counts it, and a reciprocity prompt in it.</summary>
    public void ReplySent(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var platform = new KeyValuePair<string, object?>("platform", message.Channel.Platform);
        _outboxSent.Add(1, platform);
        if (message.Parts.Any(p => p.Kind == ReplyKind.ReciprocityPrompt))
        {
            _promptsSent.Add(1, platform);
        }
    }

    public void ReplyFailed(string platform, bool parked) =>
        _outboxFailures.Add(1, new("platform", platform), new("parked", parked));

    /// <summary>A span around the processing of one inbound activity (null when nobody listens).</summary>
    public static Activity? StartInboxProcess(InboundActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var span = ActivitySource.StartActivity("coach.inbox.process", ActivityKind.Consumer);
        span?.SetTag("coach.event_id", activity.EventId);
        span?.SetTag("coach.platform", activity.Channel.Platform);
        span?.SetTag("coach.activity", activity is InboundCommand ? "command" : "message");
        return span;
    }

    /// <summary>A span around the delivery of one reply (null when nobody listens).</summary>
    public static Activity? StartOutboxSend(long itemId, OutboundMessage message, int attempt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var span = ActivitySource.StartActivity("coach.outbox.send", ActivityKind.Producer);
        span?.SetTag("coach.outbox_item", itemId);
        span?.SetTag("coach.event_id", message.InReplyToEventId);
        span?.SetTag("coach.platform", message.Channel.Platform);
        span?.SetTag("coach.attempt", attempt);
        return span;
    }

    public void Dispose() => _meter.Dispose();

    private static string StatusClass(int statusCode) => statusCode switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };

    private static IEnumerable<Measurement<long>> ObserveInboxDepth(Func<InboxDepth?> read)
    {
        // A failed read (database down) reports nothing rather than a misleading zero; /readyz tells that story.
        if (read() is not { } depth)
        {
            return [];
        }

        return
        [
            new Measurement<long>(depth.Pending, new KeyValuePair<string, object?>("status", "pending")),
            new Measurement<long>(depth.Parked, new KeyValuePair<string, object?>("status", "parked")),
        ];
    }
}
