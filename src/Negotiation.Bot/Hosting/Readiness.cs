using Negotiation.Slack;
using Negotiation.Slack.Api;

namespace Negotiation.Bot.Hosting;

/// <summary>One answer of a readiness check: ready or not, and a short status for <c>/readyz</c> (never a secret).</summary>
public sealed record ReadinessResult(bool Ready, string Status);

/// <summary>Something <c>/readyz</c> asks besides the database, e.g. whether a channel's credentials are valid.</summary>
public interface IReadinessCheck
{
    /// <summary>The key of the answer in <c>/readyz</c>'s <c>credentials</c> object.</summary>
    string Name { get; }

    Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A check whose answer is reused for a while, so every probe doesn't call the platform. A rejected credential
/// makes the host unready; a platform that doesn't answer does not (every replica would go out of service at once
/// for an outage the outbox already rides out), and that answer is kept briefly only.
/// </summary>
public abstract class CachedReadinessCheck(TimeProvider time, TimeSpan interval) : IReadinessCheck, IDisposable
{
    private static readonly TimeSpan UnverifiedInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReadinessResult? _last;
    private DateTimeOffset _until;

    public abstract string Name { get; }

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is not null && time.GetUtcNow() < _until)
            {
                return _last;
            }

            (_last, var verified) = await CheckNowAsync(cancellationToken).ConfigureAwait(false);
            _until = time.GetUtcNow() + (verified ? interval : TimeSpan.FromTicks(Math.Min(interval.Ticks, UnverifiedInterval.Ticks)));
            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Asks the platform; <c>Verified</c> is false when it gave no definite answer.</summary>
    protected abstract Task<(ReadinessResult Result, bool Verified)> CheckNowAsync(CancellationToken cancellationToken);
}

/// <summary>Single-workspace Slack: the bot token passes <c>auth.test</c>.</summary>
public sealed class SlackCredentialCheck(IServiceScopeFactory scopes, SlackOptions slack, TelemetryOptions telemetry, TimeProvider time)
    : CachedReadinessCheck(time, telemetry.CredentialCheckInterval)
{
    public override string Name => "slack";

    protected override async Task<(ReadinessResult Result, bool Verified)> CheckNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<ISlackWebApi>();
        try
        {
            var auth = await api.AuthTestAsync(slack.BotToken!, cancellationToken).ConfigureAwait(false);
            return (new ReadinessResult(true, "ok (team " + auth.TeamId + ")"), true);
        }
        catch (SlackApiException e) when (!e.IsTransient)
        {
            return (new ReadinessResult(false, $"Slack:BotToken rejected by auth.test ({e.Error})"), true);
        }
        catch (SlackApiException e)
        {
            return (new ReadinessResult(true, $"unverified: auth.test failed ({e.Error})"), false);
        }
    }
}
