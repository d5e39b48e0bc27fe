using System.Net.WebSockets;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Negotiation.Slack.Api;

namespace Negotiation.Slack.SocketMode;

/// <summary>
/// Socket Mode: keeps a WebSocket to Slack open, hands every envelope to <see cref="ISlackEnvelopeHandler"/> and acks it.
/// </summary>
/// <remarks>
/// Refreshes are make-before-break: on <c>disconnect</c> (<c>warning</c>, <c>refresh_requested</c>) or when the
/// watchdog sees no message for <see cref="SlackOptions.SocketModeQuietPeriod"/>, a second connection is opened and
/// greeted with <c>hello</c> while the old one keeps serving; only then is the old one closed. A lost connection is
/// replaced at once; failures to open one back off exponentially (capped, honouring <c>Retry-After</c>).
/// <c>link_disabled</c> stops the client.
/// </remarks>
public sealed partial class SlackSocketModeClient : BackgroundService
{
    private readonly ISlackWebApi _api;
    private readonly ISlackEnvelopeHandler _handler;
    private readonly SlackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackSocketModeClient> _logger;
    private int _connectionNumber;

    public SlackSocketModeClient(ISlackWebApi api, ISlackEnvelopeHandler handler, SlackOptions options, TimeProvider time, ILogger<SlackSocketModeClient> logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (!options.IsSocketMode)
        {
            throw new ArgumentException("Socket Mode needs the app-level token (Slack:AppToken).", nameof(options));
        }

        if (options.SocketModeQuietPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("Slack:SocketModeQuietPeriod must be positive.", nameof(options));
        }

        _api = api;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>First wait after a failed attempt to connect; doubles per consecutive failure.</summary>
    internal TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the wait between attempts (apps.connections.open is Tier 1: about one call a minute).</summary>
    internal TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a graceful close may take before the socket is aborted.</summary>
    internal TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Larger messages are dropped unread (Slack payloads are far smaller; this bounds memory).</summary>
    internal int MaxMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>WebSocket pings we send; no pong within <see cref="KeepAliveTimeout"/> aborts the socket.</summary>
    internal TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    internal TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1: initial × 2^(failures − 1), at most <paramref name="max"/>.</summary>
    internal static TimeSpan BackoffDelay(int failures, TimeSpan initial, TimeSpan max)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = initial * factor;
        return delay > max ? max : delay;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Connection? current = null;
        var retiring = new List<Task>();
        try
        {
            while (true)
            {
                var next = await ConnectWithRetryAsync(stoppingToken).ConfigureAwait(false);
                if (next is null)
                {
                    return;
                }

                if (current is not null)
                {
                    // The new connection has said hello: only now let the old one go.
                    retiring.Add(RetireAsync(current));
                }

                current = next;
                retiring.RemoveAll(t => t.IsCompleted);

                var signal = await current.Signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                switch (signal.Kind)
                {
                    case ConnectionSignalKind.Disconnect when signal.Reason == "link_disabled":
                        Log.LinkDisabled(_logger, current.Number);
                        return;
                    case ConnectionSignalKind.Disconnect:
                        Log.Refreshing(_logger, current.Number, signal.Reason);
                        break;
                    case ConnectionSignalKind.Quiet:
                        // Logged when the watchdog fired; the old connection keeps reading until the new one is up.
                        break;
                    default:
                        Log.ConnectionLost(_logger, current.Number);
                        await current.DisposeAsync().ConfigureAwait(false);
                        current = null;
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (current is not null)
            {
                retiring.Add(RetireAsync(current));
            }

            await Task.WhenAll(retiring).ConfigureAwait(false);
            Log.Stopped(_logger);
        }
    }

    /// <summary>Opens connections until one says hello; null when Slack disabled the link.</summary>
    private async Task<Connection?> ConnectWithRetryAsync(CancellationToken stoppingToken)
    {
        TimeSpan? retryAfter = null;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await WaitBeforeRetryAsync(attempt - 1, retryAfter, stoppingToken).ConfigureAwait(false);
                retryAfter = null;
            }

            var number = Interlocked.Increment(ref _connectionNumber);
            Log.Connecting(_logger, number, attempt);
            Connection? connection = null;
            try
            {
                var url = await _api.OpenConnectionAsync(_options.AppToken!, stoppingToken).ConfigureAwait(false);
                connection = await Connection.OpenAsync(this, url, number, stoppingToken).ConfigureAwait(false);
                await Task.WhenAny(connection.Hello, connection.Signal).WaitAsync(stoppingToken).ConfigureAwait(false);
                if (connection.Hello.IsCompleted)
                {
                    return connection;
                }

                var signal = await connection.Signal.ConfigureAwait(false);
                if (signal is { Kind: ConnectionSignalKind.Disconnect, Reason: "link_disabled" })
                {
                    Log.LinkDisabled(_logger, number);
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                }

                Log.NoHello(_logger, number, signal.Kind);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (connection is not null)
                {
                    // Stopping mid-handshake: still say goodbye properly.
                    await RetireAsync(connection).ConfigureAwait(false);
                }

                throw;
            }
            catch (SlackRateLimitedException e)
            {
                retryAfter = e.RetryAfter;
                Log.RateLimited(_logger, number, e.RetryAfter);
            }
            catch (SlackApiException e) when (!e.IsTransient)
            {
                // invalid_auth, not_allowed_token_type …: retrying won't help until someone fixes the token, so say so loudly.
                Log.OpenRefused(_logger, number, e.Method, e.Error);
            }
#pragma warning disable CA1031 // Any failure to connect is retried: the client must outlive network and Slack trouble.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ConnectFailed(_logger, number, e);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task WaitBeforeRetryAsync(int failures, TimeSpan? retryAfter, CancellationToken stoppingToken)
    {
        var delay = BackoffDelay(failures, InitialBackoff, MaxBackoff);
        if (retryAfter > delay)
        {
            delay = retryAfter.Value;
        }

        Log.Retrying(_logger, failures, delay);
        await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Closes a connection gracefully (in-flight envelopes are still acked) within <see cref="CloseTimeout"/>; never throws.</summary>
    private async Task RetireAsync(Connection connection)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout, _time);
        try
        {
            await connection.CloseAsync(timeout.Token).ConfigureAwait(false);
            Log.Closed(_logger, connection.Number);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            Log.CloseFailed(_logger, connection.Number, e);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private enum ConnectionSignalKind
    {
        /// <summary>The socket closed or failed.</summary>
        Ended,

        /// <summary>Slack asked us to go: <see cref="ConnectionSignal.Reason"/> says why.</summary>
        Disconnect,

        /// <summary>The watchdog saw nothing for the quiet period.</summary>
        Quiet,
    }

    /// <summary>Why a connection wants replacing; the first one wins.</summary>
    private readonly record struct ConnectionSignal(ConnectionSignalKind Kind, string? Reason = null);
}
