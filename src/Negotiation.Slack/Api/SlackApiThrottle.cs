using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Negotiation.Slack.Api;

/// <summary>
/// What the Slack client remembers between calls (one per process, shared by every typed-client instance): the
/// Retry-After of each rate-limited (method, workspace) and the one-message-per-second pace of each channel.
/// </summary>
public sealed class SlackApiThrottle(TimeProvider time)
{
    /// <summary><c>chat.postMessage</c> allows about one message per second per channel.</summary>
    public static readonly TimeSpan ChannelInterval = TimeSpan.FromSeconds(1);

    // Beyond this many channels, slots already in the past are swept so the map does not grow without bound.
    private const int SweepThreshold = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextChannelSlot = new(StringComparer.Ordinal);
    private readonly Lock _paceGate = new();

    public TimeProvider Time { get; } = time;

    /// <summary>A stable, non-reversible label for a credential: keys and logs carry this, never the token.</summary>
    public static string Workspace(string credential)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(credential), hash);
        return "ws-" + Convert.ToHexStringLower(hash[..6]);
    }

    /// <summary>How long <paramref name="method"/> must still wait for <paramref name="workspace"/>; zero when it may go.</summary>
    public TimeSpan RemainingBlock(string method, string workspace)
    {
        var key = Key(method, workspace);
        if (!_blockedUntil.TryGetValue(key, out var until))
        {
            return TimeSpan.Zero;
        }

        var remaining = until - Time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            return remaining;
        }

        _blockedUntil.TryRemove(KeyValuePair.Create(key, until));
        return TimeSpan.Zero;
    }

    /// <summary>Remembers Slack's Retry-After for this method and workspace.</summary>
    public void Block(string method, string workspace, TimeSpan retryAfter)
    {
        var until = Time.GetUtcNow() + retryAfter;
        _blockedUntil.AddOrUpdate(Key(method, workspace), until, (_, existing) => existing > until ? existing : until);
    }

    /// <summary>
    /// Reserves the next send slot for a channel and returns how long to wait for it: zero for the first post, the rest
    /// of the second for a post that follows within one. Concurrent posts queue one second apart, in call order.
    /// </summary>
    public TimeSpan ReserveChannelSlot(string workspace, string channel)
    {
        var key = workspace + "|" + channel;
        lock (_paceGate)
        {
            var now = Time.GetUtcNow();
            if (_nextChannelSlot.Count > SweepThreshold)
            {
                foreach (var stale in _nextChannelSlot.Where(s => s.Value <= now).Select(s => s.Key).ToList())
                {
                    _nextChannelSlot.Remove(stale);
                }
            }

            var slot = _nextChannelSlot.TryGetValue(key, out var next) && next > now ? next : now;
            _nextChannelSlot[key] = slot + ChannelInterval;
            return slot - now;
        }
    }

    private static string Key(string method, string workspace) => method + "|" + workspace;
}
