using System.Text.Json.Nodes;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Teams.Mapping;
using Negotiation.Teams.Wire;

namespace Negotiation.Teams.Api;

/// <summary>
/// Delivers replies to Teams through the stored conversation reference: into the channel thread (the conversation
/// id with <c>;messageid=&lt;root&gt;</c>), or straight into a chat. Ephemeral replies fall back to the thread (Teams
/// has no ephemeral bot messages). A 403 marks the conversation gone, and nothing more is sent there.
/// </summary>
public sealed class TeamsChatChannel(TeamsConnectorClient connector, ITeamsConversationStore conversations) : IChatChannel
{
    public async Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tenant = message.Channel.Workspace;
        var reference = await conversations.FindAsync(tenant, message.Channel.Channel, cancellationToken).ConfigureAwait(false)
            ?? throw new ChatDeliveryException($"No Teams conversation reference for {message.Channel}: the bot has not heard from it.", transient: false);
        if (reference.Gone)
        {
            throw new ChatDeliveryException($"The bot is no longer in Teams conversation {message.Channel}.", transient: false);
        }

        var conversationId = reference.IsChannel ? TeamsActivityReader.Threaded(reference.ConversationId, message.ThreadId) : reference.ConversationId;
        try
        {
            foreach (var card in TeamsCards.Render(message))
            {
                await connector.SendAsync(reference.ServiceUrl, conversationId, Activity(reference, conversationId, card, message), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TeamsConnectorException e) when (e.BotNotInConversation)
        {
            await conversations.MarkGoneAsync(tenant, reference.ConversationId, cancellationToken).ConfigureAwait(false);
            throw new ChatDeliveryException($"Teams says the bot is not in {message.Channel} (403); marked gone.", transient: false, inner: e);
        }
        catch (TeamsConnectorException e)
        {
            throw new ChatDeliveryException(e.Message, e.Transient, e.RetryAfter, e);
        }
    }

    /// <summary>An outgoing message activity (protocols.md B4): from the bot, into the conversation, one card.</summary>
    public static JsonObject Activity(StoredConversation reference, string conversationId, JsonObject card, OutboundMessage? message = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = reference.BotId },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = reference.ConversationType, ["tenantId"] = reference.TenantId },
            ["attachments"] = new JsonArray(TeamsCards.Attachment(card)),
        };
        if (message is not null)
        {
            // The notification preview; the card carries the content.
            var summary = message.ToPlainText();
            activity["summary"] = summary.Length <= 200 ? summary : summary[..199] + "…";
        }

        return activity;
    }
}
