namespace Negotiation.Storage;

/// <summary>Which database holds the deals, the inbox and the outbox.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Settings of the storage (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The shortest retention that still recognises Slack's late retries.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(24);

    /// <summary><c>Sqlite</c> (default, zero set-up) or <c>Postgres</c> (several bot replicas share one database).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>For SQLite a file path form (<c>Data Source=data/negotiation.db</c>); for PostgreSQL an Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/negotiation.db";

    /// <summary>How long processed event keys, finished inbox items and sent replies are kept (at least 24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>An inbox item whose processing failed this many times is parked with its reason.</summary>
    public int InboxMaxAttempts { get; set; } = 5;

    /// <summary>Checks the settings; returns what is wrong and how to fix it, or nothing.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Storage:ConnectionString is empty. For SQLite use \"Data Source=data/negotiation.db\"; for PostgreSQL \"Host=…;Database=…;Username=…;Password=…\".";
        }

        if (Retention < MinimumRetention)
        {
            yield return $"Storage:Retention is {Retention}; it must be at least 24:00:00 so Slack's late retries are still recognised.";
        }

        if (InboxMaxAttempts < 1)
        {
            yield return "Storage:InboxMaxAttempts must be at least 1.";
        }
    }
}
