namespace Negotiation.Bot.Workers;

/// <summary>Wakes a worker when there is new work, so it needn't poll fast; it still polls slowly for work other hosts recorded.</summary>
public sealed class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Dispose() => _semaphore.Dispose();

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    /// <summary>Waits for a notification or the poll interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken) => _semaphore.WaitAsync(pollInterval, cancellationToken);
}

/// <summary>The signals of the inbox and the outbox workers.</summary>
public sealed class WorkSignals : IDisposable
{
    public WorkSignal Inbox { get; } = new();

    public WorkSignal Outbox { get; } = new();

    public void Dispose()
    {
        Inbox.Dispose();
        Outbox.Dispose();
    }
}
