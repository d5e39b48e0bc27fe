using System.Diagnostics.Metrics;
using Negotiation.Conversations.Telemetry;

namespace Negotiation.Bot.Tests.Observability;

/// <summary>One measurement of a coach instrument, with its tags.</summary>
internal sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public bool Has(string tag, object value) => Tags.TryGetValue(tag, out var v) && Equals(v?.ToString(), value.ToString());
}

/// <summary>
/// Listens to the <c>Negotiation.Coach</c> meter of one host only (its meter factory), so tests running other hosts
/// in parallel don't mix in; lets a test await a measurement instead of sleeping.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<RecordedMeasurement> _measurements = [];
    private readonly List<(Func<IReadOnlyList<RecordedMeasurement>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public MetricRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CoachMetrics.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<RecordedMeasurement> Measurements
    {
        get
        {
            lock (_gate)
            {
                return [.. _measurements];
            }
        }
    }

    /// <summary>Collects the observable instruments (the inbox depth gauge) now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public double Sum(string instrument, params (string Tag, object Value)[] tags) =>
        Measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Has(t.Tag, t.Value))).Sum(m => m.Value);

    /// <summary>Completes once the sum of an instrument's matching measurements reaches <paramref name="atLeast"/>.</summary>
    public Task WaitForAsync(string instrument, double atLeast, TimeSpan timeout, params (string Tag, object Value)[] tags) =>
        WaitAsync(all => all.Where(m => m.Instrument == instrument && tags.All(t => m.Has(t.Tag, t.Value))).Sum(m => m.Value) >= atLeast, timeout, instrument);

    public void Dispose() => _listener.Dispose();

    private async Task WaitAsync(Func<IReadOnlyList<RecordedMeasurement>, bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_measurements))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout} for {what}; recorded: {string.Join(", ", Measurements.Select(m => m.Instrument + "=" + m.Value))}");
        }
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
        lock (_gate)
        {
            _measurements.Add(measurement);
            foreach (var waiter in _waiters.Where(w => w.Condition(_measurements)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }
}
