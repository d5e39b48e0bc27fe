namespace Negotiation.Storage.Model;

/// <summary>
/// Serialises write transactions where the database allows one writer (SQLite) so they queue in the process
/// instead of failing with "database is locked"; PostgreSQL needs no gate.
/// </summary>
public sealed class WriteGate(bool serialise)
{
    private readonly SemaphoreSlim? _semaphore = serialise ? new SemaphoreSlim(1, 1) : null;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null)
        {
            return Open.Instance;
        }

        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_semaphore);
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
