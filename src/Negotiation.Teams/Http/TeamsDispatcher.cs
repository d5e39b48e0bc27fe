using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Commands;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Teams.Api;
using Negotiation.Teams.Mapping;
using Negotiation.Teams.Wire;

namespace Negotiation.Teams.Http;

/// <summary>
/// Acts on one authenticated activity (protocols.md B1, B5): messages go to the inbox and are acked with 202 at once;
/// invokes are answered here, inside Teams' 5 seconds; conversation updates greet once and track membership;
/// everything else is acknowledged and ignored. Every activity refreshes the stored conversation reference.
/// </summary>
public sealed partial class TeamsDispatcher(
    IInbox inbox,
    IOutbox outbox,
    IProcessedEventStore processed,
    IDealStore deals,
    CoachingReplies coaching,
    ITeamsConversationStore conversations,
    TeamsConnectorClient connector,
    TimeProvider time,
    ILogger<TeamsDispatcher> logger)
{
    public const string RephraseCommandId = "rephraseAsTrade";
    public const string Greeting =
        "Hi, I'm Negotiation Coach. I keep track of what we give and get in this deal and ask what we're getting in return. " +
        "Start a deal with @Coach start <name>, then just talk about the deal here. @Coach help lists everything.";

    public async Task<IResult> HandleAsync(JsonElement activity, CancellationToken cancellationToken)
    {
        var type = TeamsActivityReader.String(activity, "type");
        var conversation = TeamsActivityReader.Conversation(activity);
        if (conversation is not null && !(type == "installationUpdate" && TeamsActivityReader.String(activity, "action") is "remove" or "remove-upgrade"))
        {
            await conversations.SaveAsync(conversation, cancellationToken).ConfigureAwait(false);
        }

        switch (type)
        {
            case "message" when activity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object && string.IsNullOrWhiteSpace(TeamsActivityReader.String(activity, "text")):
                // Action.Submit (the fallback of our Action.Execute buttons): no invoke response, so the card is updated with PUT.
                if (conversation is not null)
                {
                    await SubmitAsync(activity, conversation, value, cancellationToken).ConfigureAwait(false);
                }

                return Results.Ok();
            case "message":
                return await MessageAsync(activity, cancellationToken).ConfigureAwait(false);
            case "invoke":
                return await InvokeAsync(activity, conversation, cancellationToken).ConfigureAwait(false);
            case "conversationUpdate" when conversation is not null:
                await MembershipAsync(activity, conversation, cancellationToken).ConfigureAwait(false);
                return Results.Ok();
            case "installationUpdate" when conversation is not null:
                if (TeamsActivityReader.String(activity, "action") is "remove" or "remove-upgrade")
                {
                    await conversations.MarkGoneAsync(conversation.TenantId, conversation.BaseConversationId, cancellationToken).ConfigureAwait(false);
                }

                return Results.Ok();
            default:
                // messageReaction, typing, event and anything new: acknowledged, nothing to do.
                return Results.Ok();
        }
    }

    private async Task<IResult> MessageAsync(JsonElement activity, CancellationToken cancellationToken)
    {
        if (TeamsActivityReader.ReadMessage(activity) is not { } inbound || inbound.Activity.IsFromSelf || inbound.Activity.User.IsBot || inbound.Activity.IsEdit)
        {
            return Results.Ok();
        }

        if (inbound.Activity is InboundCommand { Text: var text } command
            && DealCommandParser.Parse(text, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is ShowPlanCommand
            && await PlanFormAsync(activity, command, cancellationToken).ConfigureAwait(false))
        {
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }

        var recorded = await inbox.TryRecordAsync(inbound.Activity, inbound.Keys, cancellationToken).ConfigureAwait(false);
        Log.Message(logger, inbound.Activity.EventId, recorded);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>"@Coach plan" with an open deal: the plan form in the thread, once per activity; false to fall back to the text plan.</summary>
    private async Task<bool> PlanFormAsync(JsonElement activity, InboundCommand command, CancellationToken cancellationToken)
    {
        if (TeamsActivityReader.Conversation(activity) is not { } conversation
            || await deals.FindLatestAsync(command.Channel, cancellationToken).ConfigureAwait(false) is not { IsClosed: false } deal)
        {
            return false;
        }

        if (!await processed.TryMarkProcessedAsync($"{TeamsActivityReader.Platform}:planform:{conversation.BaseConversationId}:{command.EventId}", time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var stored = new StoredConversation(conversation.TenantId, conversation.BaseConversationId, conversation.ServiceUrl, conversation.ConversationType, conversation.BotId, Gone: false);
        var target = conversation.IsChannel ? TeamsActivityReader.Threaded(conversation.BaseConversationId, command.ReplyThreadId) : conversation.BaseConversationId;
        try
        {
            await connector.SendAsync(conversation.ServiceUrl, target, TeamsChatChannel.Activity(stored, target, TeamsPlanForm.Card(deal.Name)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TeamsConnectorException e)
        {
            Log.UpdateFailed(logger, e.Message);
            return false;
        }
    }

    private async Task MembershipAsync(JsonElement activity, TeamsConversationRef conversation, CancellationToken cancellationToken)
    {
        if (Members(activity, "membersRemoved").Contains(conversation.BotId))
        {
            await conversations.MarkGoneAsync(conversation.TenantId, conversation.BaseConversationId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!Members(activity, "membersAdded").Contains(conversation.BotId))
        {
            return;
        }

        // Greets once per conversation, however often Teams says the bot was added.
        var at = time.GetUtcNow();
        if (!await processed.TryMarkProcessedAsync($"{TeamsActivityReader.Platform}:greeted:{conversation.TenantId}:{conversation.BaseConversationId}", at, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var id = TeamsActivityReader.String(activity, "id") ?? Guid.NewGuid().ToString("N");
        var greeting = new ReplyPart(ReplyKind.CommandReply, Greeting) { Title = "Negotiation Coach" };
        await outbox.EnqueueAsync(new OutboundMessage(id, conversation.ChannelKey, null, Visibility.Thread, "", [greeting]), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> InvokeAsync(JsonElement activity, TeamsConversationRef? conversation, CancellationToken cancellationToken)
    {
        var name = TeamsActivityReader.String(activity, "name");
        activity.TryGetProperty("value", out var value);
        switch (name)
        {
            case "adaptiveCard/action" when conversation is not null && value.ValueKind == JsonValueKind.Object && value.TryGetProperty("action", out var action):
                var card = await CardActionAsync(activity, conversation, TeamsActivityReader.String(action, "verb"), action.TryGetProperty("data", out var data) ? data : default, cancellationToken).ConfigureAwait(false);
                return card is null
                    ? Invoke(new JsonObject { ["statusCode"] = 400, ["type"] = "application/vnd.microsoft.error", ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = "Unknown action." } })
                    : Invoke(new JsonObject { ["statusCode"] = 200, ["type"] = TeamsCards.ContentType, ["value"] = card });
            case "composeExtension/fetchTask":
                return Invoke(RephraseTask(MessageText(value)));
            case "composeExtension/submitAction" when conversation is not null:
                return Invoke(await RephraseAsync(conversation, value, cancellationToken).ConfigureAwait(false));
            default:
                Log.UnhandledInvoke(logger, name);
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
        }
    }

    /// <summary>
    /// A button on a reciprocity prompt: the command it stands for goes to the inbox, and the card it was on is
    /// replaced by what happened (or, for "Log what we got", by the small form). Null for an action we don't know.
    /// </summary>
    private async Task<JsonObject?> CardActionAsync(JsonElement activity, TeamsConversationRef conversation, string? verb, JsonElement data, CancellationToken cancellationToken)
    {
        var value = TeamsActivityReader.String(data, "value") ?? "";
        var give = TeamsActivityReader.String(data, "give");
        var label = give is null ? null : $"Give #{value}: {give}";
        const string Title = "What are we getting in return?";
        switch (verb ?? TeamsActivityReader.String(data, "action"))
        {
            case CoachingReplies.LogGetAction:
                return TeamsCards.LogGetForm(value, give);
            case TeamsCards.LogGetSubmitVerb:
                var got = TeamsActivityReader.String(data, TeamsCards.LogGetInput)?.Trim();
                if (string.IsNullOrEmpty(got) || got.Length > 500)
                {
                    return TeamsCards.LogGetForm(value, give, string.IsNullOrEmpty(got) ? "Say what they gave." : "Keep it under 500 characters.");
                }

                await RecordAsync(activity, conversation, "get " + got, cancellationToken).ConfigureAwait(false);
                return TeamsCards.Resolved(Title, label, $"Logging what we got: {got}");
            case CoachingReplies.NotAGiveAction when IsMoveNumber(value):
                await RecordAsync(activity, conversation, "not-a-give " + value, cancellationToken).ConfigureAwait(false);
                return TeamsCards.Resolved(Title, label, "Marked as not a give.");
            case TeamsPlanForm.SubmitVerb:
                var plan = TeamsPlanForm.Read(data, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
                var dealName = TeamsActivityReader.String(data, "deal") ?? "the deal";
                if (plan.Errors.Count > 0)
                {
                    return TeamsPlanForm.Card(dealName, plan.Values, plan.Errors);
                }

                for (var i = 0; i < plan.Commands.Count; i++)
                {
                    await RecordAsync(activity, conversation, plan.Commands[i], cancellationToken, suffix: $":{i}").ConfigureAwait(false);
                }

                return TeamsCards.Resolved("Plan: " + dealName, null, "Saved: " + string.Join("; ", plan.Commands.Select(c => c["plan ".Length..])));
            case CoachingReplies.QuietAction:
                await RecordAsync(activity, conversation, "quiet on", cancellationToken).ConfigureAwait(false);
                return TeamsCards.Resolved(Title, label, "I'll stay quiet in this channel (still tracking). @Coach quiet off to hear from me again.");
            default:
                return null;
        }
    }

    /// <summary>The Action.Submit fallback: the same actions, the card replaced with PUT instead of an invoke response.</summary>
    private async Task SubmitAsync(JsonElement activity, TeamsConversationRef conversation, JsonElement data, CancellationToken cancellationToken)
    {
        var card = await CardActionAsync(activity, conversation, null, data, cancellationToken).ConfigureAwait(false);
        var replyTo = TeamsActivityReader.String(activity, "replyToId");
        if (card is null || replyTo is null)
        {
            return;
        }

        var stored = new StoredConversation(conversation.TenantId, conversation.BaseConversationId, conversation.ServiceUrl, conversation.ConversationType, conversation.BotId, Gone: false);
        try
        {
            await connector.UpdateAsync(conversation.ServiceUrl, conversation.ConversationId, replyTo, TeamsChatChannel.Activity(stored, conversation.ConversationId, card), cancellationToken).ConfigureAwait(false);
        }
        catch (TeamsConnectorException e)
        {
            // The command is recorded either way; only the card stays as it was.
            Log.UpdateFailed(logger, e.Message);
        }
    }

    private Task<bool> RecordAsync(JsonElement activity, TeamsConversationRef conversation, string commandText, CancellationToken cancellationToken, string suffix = "")
    {
        var id = (TeamsActivityReader.String(activity, "id") ?? Guid.NewGuid().ToString("N")) + suffix;
        var from = activity.TryGetProperty("from", out var f) ? f : default;
        var user = TeamsActivityReader.String(from, "id") ?? "unknown";
        var command = new InboundCommand(
            $"action:{id}", conversation.ChannelKey, $"action:{id}", conversation.ThreadRootId,
            new UserRef(user, TeamsActivityReader.String(from, "name") ?? user), time.GetUtcNow(), commandText);
        return inbox.TryRecordAsync(command, [$"{TeamsActivityReader.Platform}:action:{conversation.BaseConversationId}:{id}"], cancellationToken);
    }

    /// <summary>The message action's dialog: the message's text, editable, and a button to rephrase it.</summary>
    private static JsonObject RephraseTask(string text)
    {
        var card = TeamsCards.Card(
        [
            new JsonObject { ["type"] = "Input.Text", ["id"] = "text", ["label"] = "The give or proposal", ["value"] = text, ["isMultiline"] = true, ["isRequired"] = true, ["maxLength"] = 2000, ["errorMessage"] = "Say what to rephrase." },
        ]);
        card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Submit", ["title"] = "Rephrase as a trade" });
        return new JsonObject
        {
            ["task"] = new JsonObject
            {
                ["type"] = "continue",
                ["value"] = new JsonObject { ["title"] = "Rephrase as a trade", ["height"] = "small", ["width"] = "medium", ["card"] = TeamsCards.Attachment(card) },
            },
        };
    }

    /// <summary>"Rephrase as a trade": the rewrite, privately, as a card the person can insert and send.</summary>
    private async Task<JsonObject> RephraseAsync(TeamsConversationRef conversation, JsonElement value, CancellationToken cancellationToken)
    {
        var text = (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("data", out var data) ? TeamsActivityReader.String(data, "text") : null) ?? MessageText(value);
        text = text.Trim();
        if (text.Length == 0 || text.Length > 2000)
        {
            return RephraseTask(text.Length > 2000 ? text[..2000] : text);
        }

        var deal = await deals.FindLatestAsync(conversation.ChannelKey, cancellationToken).ConfigureAwait(false);
        var part = await coaching.RephraseAsync(deal is { IsClosed: false } ? deal : null, text, null, cancellationToken).ConfigureAwait(false);
        var card = TeamsCards.Simple("Rephrased as a trade", part.Text);
        return new JsonObject
        {
            ["composeExtension"] = new JsonObject
            {
                ["type"] = "result",
                ["attachmentLayout"] = "list",
                ["attachments"] = new JsonArray(TeamsCards.Attachment(card)),
            },
        };
    }

    /// <summary>The plain text of the message a message action was used on.</summary>
    private static string MessageText(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("messagePayload", out var payload) || !payload.TryGetProperty("body", out var body))
        {
            return "";
        }

        var content = TeamsActivityReader.String(body, "content") ?? "";
        return WebUtility.HtmlDecode(Tags().Replace(content, " ")).Replace('\u00A0', ' ').Trim();
    }

    private static HashSet<string> Members(JsonElement activity, string property) =>
        activity.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(m => TeamsActivityReader.String(m, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];

    private static bool IsMoveNumber(string value) => value.Length is > 0 and < 6 && value.All(char.IsAsciiDigit);

    private static IResult Invoke(JsonObject body) => Results.Content(body.ToJsonString(), "application/json; charset=utf-8");

    [GeneratedRegex("<[^>]{0,200}>")]
    private static partial Regex Tags();

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Teams message {ActivityId} recorded: {Recorded}")]
        public static partial void Message(ILogger logger, string activityId, bool recorded);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Teams invoke {Name} is not handled (501)")]
        public static partial void UnhandledInvoke(ILogger logger, string? name);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Updating a Teams card failed: {Reason}")]
        public static partial void UpdateFailed(ILogger logger, string reason);
    }
}
