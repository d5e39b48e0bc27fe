using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Storage.Hosting;
using Negotiation.Testing;

namespace Negotiation.Storage.Tests.Databases;

/// <summary>A fresh, migrated database of one provider, with the storage services on it; dropped when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private TestDatabase(StorageOptions options, ServiceProvider services, FakeTimeProvider time, Func<Task> drop)
    {
        Options = options;
        Services = services;
        Time = time;
        _drop = drop;
    }

    public StorageOptions Options { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, Action<StorageOptions>? configure = null)
    {
        StorageOptions options;
        Func<Task> drop;
        if (provider == StorageProvider.Postgres)
        {
            var database = await PostgresDatabase.CreateAsync();
            options = new StorageOptions { Provider = provider, ConnectionString = database.ConnectionString };
            drop = async () => await database.DisposeAsync();
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "negotiation-tests", Guid.NewGuid().ToString("N"));
            options = new StorageOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(folder, "data", "negotiation.db")}" };
            drop = () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            };
        }

        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddNegotiationStorage(options)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StorageMaintenance>().MigrateAsync();
        }

        return new TestDatabase(options, services, time, drop);
    }

    /// <summary>Runs <paramref name="work"/> in its own DI scope, as a worker or a request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _drop();
    }
}
