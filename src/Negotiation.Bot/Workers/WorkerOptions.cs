namespace Negotiation.Bot.Workers;

/// <summary>Settings of the background workers (configuration section <c>Workers</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Process recorded inbound events. Off, the host only records and acks (e.g. a dedicated ingress replica).</summary>
    public bool ProcessInbox { get; set; } = true;

    /// <summary>Deliver queued replies.</summary>
    public bool SendOutbox { get; set; } = true;

    /// <summary>Inbox workers per host. SQLite takes one writer at a time, so more only helps on PostgreSQL.</summary>
    public int InboxConcurrency { get; set; } = 2;

    /// <summary>How often idle workers look for work other hosts recorded.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often old processed keys, finished inbox items and sent replies are swept.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<string> Validate()
    {
        if (InboxConcurrency is < 1 or > 64)
        {
            yield return "Workers:InboxConcurrency must be between 1 and 64.";
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(1))
        {
            yield return "Workers:PollInterval must be between 00:00:00.010 and 00:01:00.";
        }

        if (SweepInterval < TimeSpan.FromMinutes(1))
        {
            yield return "Workers:SweepInterval must be at least 00:01:00.";
        }
    }
}
