using Negotiation.Conversations.Pipeline;
using Negotiation.Conversations.Ports;
using Negotiation.Storage.Hosting;

namespace Negotiation.Bot.Workers;

/// <summary>Migrates the database before anything else starts: registered first, so it runs first.</summary>
public sealed class DatabaseMigrationService(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StorageMaintenance>().MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Claims inbox items and runs the pipeline on each, one DI scope (and one transaction) per item.</summary>
public sealed partial class InboxWorker(IServiceScopeFactory scopes, WorkSignals signals, WorkerOptions options, ILogger<InboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.InboxConcurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pipeline = scope.ServiceProvider.GetRequiredService<ConversationPipeline>();
                worked = await scope.ServiceProvider.GetRequiredService<IInbox>()
                    .ProcessNextAsync(async (activity, ct) => await pipeline.ProcessAsync(activity, ct).ConfigureAwait(false), stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.LoopFailed(logger, e);
                worked = false;
            }

            if (worked)
            {
                signals.Outbox.Notify();
                continue;
            }

            await Idle(signals.Inbox, options.PollInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    internal static async Task Idle(WorkSignal signal, TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "The inbox worker hit an error; it goes on after a pause")]
        public static partial void LoopFailed(ILogger logger, Exception exception);
    }
}

/// <summary>Delivers queued replies through the chat channel.</summary>
public sealed partial class OutboxWorker(IServiceScopeFactory scopes, WorkSignals signals, WorkerOptions options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                delivered = await scope.ServiceProvider.GetRequiredService<OutboxSender>().FlushAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.LoopFailed(logger, e);
            }

            if (delivered == 0)
            {
                await InboxWorker.Idle(signals.Outbox, options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "The outbox worker hit an error; it goes on after a pause")]
        public static partial void LoopFailed(ILogger logger, Exception exception);
    }
}

/// <summary>Sweeps what retention no longer keeps, once an interval.</summary>
public sealed partial class RetentionWorker(IServiceScopeFactory scopes, WorkerOptions options, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<StorageMaintenance>().SweepAsync(stoppingToken).ConfigureAwait(false);
                Log.Swept(logger, removed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.SweepFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Retention sweep removed {Removed} rows")]
        public static partial void Swept(ILogger logger, int removed);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Retention sweep failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
