using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Negotiation.Conversations.Ports;
using Negotiation.Storage.Deals;
using Negotiation.Storage.Events;
using Negotiation.Storage.Hosting;
using Negotiation.Storage.Inbox;
using Negotiation.Storage.Installations;
using Negotiation.Storage.Model;
using Negotiation.Storage.Outbox;

namespace Negotiation.Storage;

/// <summary>Registers the database and the storage ports for the configured provider.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddNegotiationStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Storage settings are invalid:\n- " + string.Join("\n- ", problems));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        if (options.Provider == StorageProvider.Postgres)
        {
            services.AddDbContext<PostgresNegotiationDbContext>(db => db.UseNpgsql(options.ConnectionString));
            services.AddScoped<NegotiationDbContext>(sp => sp.GetRequiredService<PostgresNegotiationDbContext>());
            services.AddSingleton(new WriteGate(serialise: false));
        }
        else
        {
            services.AddDbContext<SqliteNegotiationDbContext>(db => db.UseSqlite(options.ConnectionString));
            services.AddScoped<NegotiationDbContext>(sp => sp.GetRequiredService<SqliteNegotiationDbContext>());
            services.AddSingleton(new WriteGate(serialise: true));
        }

        services.AddScoped<IDealStore, EfDealStore>();
        services.AddScoped<IProcessedEventStore, EfProcessedEventStore>();
        services.AddSingleton<InboxRecorder>();
        services.AddScoped<EfInbox>();
        services.AddScoped<IInbox>(sp => sp.GetRequiredService<EfInbox>());
        services.AddScoped<EfOutbox>();
        services.AddScoped<IOutbox>(sp => sp.GetRequiredService<EfOutbox>());
        services.AddScoped<InstallationStore>();
        services.AddScoped<StorageMaintenance>();
        return services;
    }
}
