namespace Negotiation.Bot.LocalChannel;

/// <summary>
/// The local channel (configuration section <c>LocalChannel</c>): an unauthenticated, loopback-only ingress for
/// trying the bot and for load and failure tests, with replies posted to a webhook or kept for reading.
/// </summary>
public sealed class LocalChannelOptions
{
    public const string Section = "LocalChannel";

    /// <summary>Maps <c>POST /local/events</c> and <c>GET /local/replies</c>. Off by default; answers loopback callers only.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where replies are POSTed as JSON; when empty they are kept in memory for <c>GET /local/replies</c>.</summary>
    public Uri? ReplyWebhook { get; set; }

    public IEnumerable<string> Validate()
    {
        if (ReplyWebhook is { } hook && (!hook.IsAbsoluteUri || hook.Scheme is not ("http" or "https")))
        {
            yield return $"LocalChannel:ReplyWebhook \"{hook}\" must be an absolute http(s) URL, e.g. http://127.0.0.1:5000/replies; leave it empty to keep replies for GET /local/replies.";
        }
    }
}
