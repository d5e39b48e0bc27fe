namespace Negotiation.Storage.Model;

// Times that queries compare are stored as Unix milliseconds: the same on SQLite and PostgreSQL.

/// <summary>A deal: the columns queries need, and the whole deal as a JSON document.</summary>
public sealed class DealRecord
{
    public Guid Id { get; set; }

    public required string Platform { get; set; }

    public required string Workspace { get; set; }

    public required string Channel { get; set; }

    /// <summary>1, 2, 3 … per channel, in the order deals were started there: the latest is the channel's deal.</summary>
    public long Ordinal { get; set; }

    public required string Name { get; set; }

    public required string Phase { get; set; }

    public required string Type { get; set; }

    public bool IsClosed { get; set; }

    public long StartedAtMs { get; set; }

    public long UpdatedAtMs { get; set; }

    /// <summary>Bumped on every save; a concurrent save of a stale copy fails instead of losing a move.</summary>
    public int Version { get; set; }

    /// <summary>The deal's <c>DealSnapshot</c>: plan, wanted gets, possible gives, moves, trades, terms, next steps.</summary>
    public required string Document { get; set; }
}

/// <summary>States of an inbox item.</summary>
public enum InboxStatus
{
    Pending = 0,
    Done = 1,
    Parked = 2,
}

/// <summary>An inbound platform event, recorded before it was acked.</summary>
public sealed class InboxItemRecord
{
    public long Id { get; set; }

    /// <summary>platform:workspace:channel — items of one channel are processed in id order.</summary>
    public required string ChannelKey { get; set; }

    public required string EventId { get; set; }

    /// <summary>message or command.</summary>
    public required string Kind { get; set; }

    public required string Payload { get; set; }

    public long ReceivedAtMs { get; set; }

    public InboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public long? FinishedAtMs { get; set; }
}

/// <summary>One unique key of an inbox item (Slack: event_id and team:channel:ts; Teams: activity id).</summary>
public sealed class InboxKeyRecord
{
    public required string Key { get; set; }

    public long InboxId { get; set; }

    public long RecordedAtMs { get; set; }
}

/// <summary>States of an outbox item.</summary>
public enum OutboxStatus
{
    Pending = 0,
    Claimed = 1,
    Sent = 2,
    Parked = 3,
}

/// <summary>A reply waiting to be delivered, and its delivery record.</summary>
public sealed class OutboxItemRecord
{
    public long Id { get; set; }

    public required string EventId { get; set; }

    public required string ChannelKey { get; set; }

    public required string Payload { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public long CreatedAtMs { get; set; }

    /// <summary>Not before this time: the backoff after a failure.</summary>
    public long DueAtMs { get; set; }

    /// <summary>A claim lapses at this time, so a sender that died doesn't hold an item forever.</summary>
    public long ClaimedUntilMs { get; set; }

    public long? SentAtMs { get; set; }
}

/// <summary>A platform event the pipeline has handled.</summary>
public sealed class ProcessedEventRecord
{
    public required string Key { get; set; }

    public long SeenAtMs { get; set; }
}

/// <summary>A workspace (Slack team) or tenant (Teams) the bot is installed in.</summary>
public sealed class InstallationRecord
{
    public required string Platform { get; set; }

    public required string Workspace { get; set; }

    public string? Name { get; set; }

    public string? BotUserId { get; set; }

    /// <summary>The workspace's bot token (Slack OAuth v2); null in single-workspace mode, where configuration holds it.</summary>
    public string? BotToken { get; set; }

    public string? InstalledBy { get; set; }

    public long InstalledAtMs { get; set; }

    public long? UninstalledAtMs { get; set; }
}

/// <summary>Where to send proactive messages in a Teams conversation.</summary>
public sealed class ConversationReferenceRecord
{
    public required string Platform { get; set; }

    public required string Workspace { get; set; }

    public required string ConversationId { get; set; }

    public required string ServiceUrl { get; set; }

    public string? BotId { get; set; }

    /// <summary>Teams: personal, groupChat or channel (a channel's replies go into threads).</summary>
    public string? ConversationType { get; set; }

    public long UpdatedAtMs { get; set; }

    /// <summary>When the platform said the bot is no longer in the conversation; null while it is.</summary>
    public long? GoneAtMs { get; set; }
}
