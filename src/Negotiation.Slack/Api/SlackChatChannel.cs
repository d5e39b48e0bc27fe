using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Slack.Install;
using Negotiation.Slack.Mapping;

namespace Negotiation.Slack.Api;

/// <summary>
/// Delivers replies to Slack: threads by <c>thread_ts</c>; ephemeral replies through the command's
/// <c>response_url</c> or <c>chat.postEphemeral</c>; a lone trade confirmation as a quiet 🤝 reaction.
/// </summary>
public sealed partial class SlackChatChannel(ISlackWebApi api, SlackTokenProvider tokens) : IChatChannel
{
    public const string TradeReaction = "handshake";

    public async Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackRateLimitedException e)
        {
            throw new ChatDeliveryException(e.Message, transient: true, e.RetryAfter, e);
        }
        catch (SlackApiException e)
        {
            throw new ChatDeliveryException(e.Message, e.IsTransient, inner: e);
        }
    }

    private async Task DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var token = await tokens.BotTokenAsync(message.Channel.Workspace, cancellationToken).ConfigureAwait(false)
            ?? throw new ChatDeliveryException($"No bot token for workspace {message.Channel.Workspace}: the app is not installed there.", transient: false);
        var channel = message.Channel.Channel;
        var thread = IsTs(message.ThreadId) ? message.ThreadId : null;

        if (message.Visibility == Visibility.Thread && message.Parts.All(p => p.Kind == ReplyKind.TradeLogged) && IsTs(message.SourceMessageId))
        {
            await api.AddReactionAsync(token, channel, message.SourceMessageId!, TradeReaction, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var rendered in SlackBlockKit.Render(message))
        {
            if (message.Visibility == Visibility.Thread)
            {
                await api.PostMessageAsync(token, new SlackMessage(channel, rendered.Text, rendered.Blocks, thread), cancellationToken).ConfigureAwait(false);
            }
            else if (Uri.TryCreate(message.ResponseUrl, UriKind.Absolute, out var responseUrl))
            {
                var payload = new JsonObject
                {
                    ["response_type"] = "ephemeral",
                    ["text"] = rendered.Text,
                    ["blocks"] = rendered.Blocks.DeepClone(),
                };
                await api.PostToResponseUrlAsync(responseUrl, payload, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await api.PostEphemeralAsync(token, message.RecipientUserId, new SlackMessage(channel, rendered.Text, rendered.Blocks, thread), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Slack message timestamps look like "1700000000.000100"; anything else (a trigger id) is no thread.</summary>
    private static bool IsTs(string? value) => value is not null && SlackTs().IsMatch(value);

    [GeneratedRegex(@"^\d{9,11}\.\d{1,6}$")]
    private static partial Regex SlackTs();
}
