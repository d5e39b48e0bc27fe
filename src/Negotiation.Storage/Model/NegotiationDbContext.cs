using Microsoft.EntityFrameworkCore;

namespace Negotiation.Storage.Model;

/// <summary>The database: deals, installs, conversation references, processed events, inbox and outbox.</summary>
public abstract class NegotiationDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DealRecord> Deals => Set<DealRecord>();

    public DbSet<InboxItemRecord> Inbox => Set<InboxItemRecord>();

    public DbSet<InboxKeyRecord> InboxKeys => Set<InboxKeyRecord>();

    public DbSet<OutboxItemRecord> Outbox => Set<OutboxItemRecord>();

    public DbSet<ProcessedEventRecord> ProcessedEvents => Set<ProcessedEventRecord>();

    public DbSet<InstallationRecord> Installations => Set<InstallationRecord>();

    public DbSet<ConversationReferenceRecord> ConversationReferences => Set<ConversationReferenceRecord>();

    /// <summary>True for PostgreSQL, where several hosts share the database and claims use row locks.</summary>
    public abstract bool SharesAcrossHosts { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DealRecord>(deal =>
        {
            deal.ToTable("deals");
            deal.HasKey(d => d.Id);
            deal.Property(d => d.Id).HasColumnName("id");
            deal.Property(d => d.Platform).HasColumnName("platform").HasMaxLength(32);
            deal.Property(d => d.Workspace).HasColumnName("workspace").HasMaxLength(200);
            deal.Property(d => d.Channel).HasColumnName("channel").HasMaxLength(400);
            deal.Property(d => d.Ordinal).HasColumnName("ordinal");
            deal.Property(d => d.Name).HasColumnName("name").HasMaxLength(200);
            deal.Property(d => d.Phase).HasColumnName("phase").HasMaxLength(32);
            deal.Property(d => d.Type).HasColumnName("type").HasMaxLength(32);
            deal.Property(d => d.IsClosed).HasColumnName("is_closed");
            deal.Property(d => d.StartedAtMs).HasColumnName("started_at_ms");
            deal.Property(d => d.UpdatedAtMs).HasColumnName("updated_at_ms");
            deal.Property(d => d.Version).HasColumnName("version").IsConcurrencyToken();
            deal.Property(d => d.Document).HasColumnName("document");
            deal.HasIndex(d => new { d.Platform, d.Workspace, d.Channel, d.Ordinal }).IsUnique();
        });

        modelBuilder.Entity<InboxItemRecord>(item =>
        {
            item.ToTable("inbox");
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).HasColumnName("id");
            item.Property(i => i.ChannelKey).HasColumnName("channel_key").HasMaxLength(640);
            item.Property(i => i.EventId).HasColumnName("event_id").HasMaxLength(400);
            item.Property(i => i.Kind).HasColumnName("kind").HasMaxLength(16);
            item.Property(i => i.Payload).HasColumnName("payload");
            item.Property(i => i.ReceivedAtMs).HasColumnName("received_at_ms");
            item.Property(i => i.Status).HasColumnName("status");
            item.Property(i => i.Attempts).HasColumnName("attempts");
            item.Property(i => i.LastError).HasColumnName("last_error").HasMaxLength(2000);
            item.Property(i => i.FinishedAtMs).HasColumnName("finished_at_ms");
            item.HasIndex(i => new { i.Status, i.Id });
            item.HasIndex(i => new { i.ChannelKey, i.Status, i.Id });
        });

        modelBuilder.Entity<InboxKeyRecord>(key =>
        {
            key.ToTable("inbox_keys");
            key.HasKey(k => k.Key);
            key.Property(k => k.Key).HasColumnName("key").HasMaxLength(640);
            key.Property(k => k.InboxId).HasColumnName("inbox_id");
            key.Property(k => k.RecordedAtMs).HasColumnName("recorded_at_ms");
            key.HasIndex(k => k.RecordedAtMs);
        });

        modelBuilder.Entity<OutboxItemRecord>(item =>
        {
            item.ToTable("outbox");
            item.HasKey(o => o.Id);
            item.Property(o => o.Id).HasColumnName("id");
            item.Property(o => o.EventId).HasColumnName("event_id").HasMaxLength(400);
            item.Property(o => o.ChannelKey).HasColumnName("channel_key").HasMaxLength(640);
            item.Property(o => o.Payload).HasColumnName("payload");
            item.Property(o => o.Status).HasColumnName("status");
            item.Property(o => o.Attempts).HasColumnName("attempts");
            item.Property(o => o.LastError).HasColumnName("last_error").HasMaxLength(2000);
            item.Property(o => o.CreatedAtMs).HasColumnName("created_at_ms");
            item.Property(o => o.DueAtMs).HasColumnName("due_at_ms");
            item.Property(o => o.ClaimedUntilMs).HasColumnName("claimed_until_ms");
            item.Property(o => o.SentAtMs).HasColumnName("sent_at_ms");
            item.HasIndex(o => new { o.Status, o.DueAtMs });
        });

        modelBuilder.Entity<ProcessedEventRecord>(processed =>
        {
            processed.ToTable("processed_events");
            processed.HasKey(p => p.Key);
            processed.Property(p => p.Key).HasColumnName("key").HasMaxLength(640);
            processed.Property(p => p.SeenAtMs).HasColumnName("seen_at_ms");
            processed.HasIndex(p => p.SeenAtMs);
        });

        modelBuilder.Entity<InstallationRecord>(install =>
        {
            install.ToTable("installations");
            install.HasKey(i => new { i.Platform, i.Workspace });
            install.Property(i => i.Platform).HasColumnName("platform").HasMaxLength(32);
            install.Property(i => i.Workspace).HasColumnName("workspace").HasMaxLength(200);
            install.Property(i => i.Name).HasColumnName("name").HasMaxLength(200);
            install.Property(i => i.BotUserId).HasColumnName("bot_user_id").HasMaxLength(200);
            install.Property(i => i.BotToken).HasColumnName("bot_token").HasMaxLength(500);
            install.Property(i => i.InstalledBy).HasColumnName("installed_by").HasMaxLength(200);
            install.Property(i => i.InstalledAtMs).HasColumnName("installed_at_ms");
            install.Property(i => i.UninstalledAtMs).HasColumnName("uninstalled_at_ms");
        });

        modelBuilder.Entity<ConversationReferenceRecord>(reference =>
        {
            reference.ToTable("conversation_references");
            reference.HasKey(r => new { r.Platform, r.Workspace, r.ConversationId });
            reference.Property(r => r.Platform).HasColumnName("platform").HasMaxLength(32);
            reference.Property(r => r.Workspace).HasColumnName("workspace").HasMaxLength(200);
            reference.Property(r => r.ConversationId).HasColumnName("conversation_id").HasMaxLength(400);
            reference.Property(r => r.ServiceUrl).HasColumnName("service_url").HasMaxLength(500);
            reference.Property(r => r.BotId).HasColumnName("bot_id").HasMaxLength(200);
            reference.Property(r => r.ConversationType).HasColumnName("conversation_type").HasMaxLength(32);
            reference.Property(r => r.UpdatedAtMs).HasColumnName("updated_at_ms");
            reference.Property(r => r.GoneAtMs).HasColumnName("gone_at_ms");
        });
    }
}

/// <summary>The SQLite flavour: the zero-set-up default, one writer at a time.</summary>
public sealed class SqliteNegotiationDbContext(DbContextOptions<SqliteNegotiationDbContext> options) : NegotiationDbContext(options)
{
    public override bool SharesAcrossHosts => false;
}

/// <summary>The PostgreSQL flavour: any number of hosts, claims with <c>FOR UPDATE SKIP LOCKED</c>.</summary>
public sealed class PostgresNegotiationDbContext(DbContextOptions<PostgresNegotiationDbContext> options) : NegotiationDbContext(options)
{
    public override bool SharesAcrossHosts => true;
}
