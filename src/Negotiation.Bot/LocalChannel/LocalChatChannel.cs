using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;

namespace Negotiation.Bot.LocalChannel;

/// <summary>One delivered reply, as the local channel shows it.</summary>
public sealed record LocalReply(long Sequence, string IdempotencyKey, OutboundMessage Message);

/// <summary>The last replies of the local channel, for <c>GET /local/replies</c> when no webhook is set.</summary>
public sealed class LocalReplyLog
{
    private const int Kept = 1000;
    private readonly ConcurrentQueue<LocalReply> _recent = new();
    private long _sequence;

    public LocalReply Add(string idempotencyKey, OutboundMessage message)
    {
        var reply = new LocalReply(Interlocked.Increment(ref _sequence), idempotencyKey, message);
        _recent.Enqueue(reply);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }

        return reply;
    }

    /// <summary>Replies with a sequence above <paramref name="after"/>.</summary>
    public IReadOnlyList<LocalReply> After(long after) => _recent.Where(r => r.Sequence > after).ToList();
}

/// <summary>Delivers replies of the local channel: to the configured webhook, or into the in-memory reply log.</summary>
public sealed class LocalChatChannel(HttpClient http, LocalChannelOptions options, LocalReplyLog log) : IChatChannel
{
    public async Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (options.ReplyWebhook is null)
        {
            log.Add(idempotencyKey, message);
            return;
        }

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(options.ReplyWebhook, new LocalReply(0, idempotencyKey, message), LocalChannelEndpoints.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ChatDeliveryException("The reply webhook is unreachable: " + e.Message, transient: true, inner: e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var transient = response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            throw new ChatDeliveryException($"The reply webhook answered {(int)response.StatusCode}.", transient, response.Headers.RetryAfter?.Delta);
        }
    }
}
