using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Commands;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;
using Negotiation.Slack.Api;
using Negotiation.Slack.Install;
using Negotiation.Slack.Mapping;
using Negotiation.Slack.SocketMode;
using Negotiation.Slack.Wire;

namespace Negotiation.Slack.Http;

/// <summary>
/// The one dispatch behind HTTP and Socket Mode: events, slash commands and interactions become inbox items
/// (recorded, then acked); only what must happen inside Slack's 3 seconds happens here (help and usage errors
/// answered inline, modals opened with their short-lived trigger id, modal validation errors).
/// </summary>
public sealed partial class SlackDispatcher(
    IInbox inbox,
    IDealStore deals,
    ISlackWebApi api,
    SlackTokenProvider tokens,
    ISlackInstallationStore installations,
    TimeProvider time,
    ILogger<SlackDispatcher> logger) : ISlackEnvelopeHandler
{
    public const string RephraseShortcut = "rephrase_as_trade";

    public Task<JsonNode?> HandleAsync(string envelopeType, JsonElement payload, CancellationToken cancellationToken = default) => envelopeType switch
    {
        "events_api" => EventAsync(payload, cancellationToken),
        "slash_commands" => CommandAsync(payload, cancellationToken),
        "interactive" => InteractionAsync(payload, cancellationToken),
        _ => Task.FromResult<JsonNode?>(null),
    };

    private async Task<JsonNode?> EventAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var type = SlackEventReader.String(body, "type");
        if (type == "app_rate_limited")
        {
            Log.RateLimited(logger, SlackEventReader.String(body, "team_id") ?? "?");
            return null;
        }

        if (type != "event_callback" || !body.TryGetProperty("event", out var e))
        {
            return null;
        }

        var eventType = SlackEventReader.String(e, "type");
        if (eventType is "app_uninstalled" or "tokens_revoked" && SlackEventReader.String(body, "team_id") is { } team)
        {
            await installations.RemoveAsync(team, cancellationToken).ConfigureAwait(false);
            Log.Uninstalled(logger, team, eventType);
            return null;
        }

        if (SlackEventReader.Read(body) is not { } inbound || inbound.Activity.IsFromSelf || inbound.Activity.User.IsBot)
        {
            return null;
        }

        var recorded = await inbox.TryRecordAsync(inbound.Activity, inbound.Keys, cancellationToken).ConfigureAwait(false);
        Log.Event(logger, inbound.Activity.EventId, recorded);
        return null;
    }

    private async Task<JsonNode?> CommandAsync(JsonElement form, CancellationToken cancellationToken)
    {
        var team = SlackEventReader.String(form, "team_id");
        var channel = SlackEventReader.String(form, "channel_id");
        var user = SlackEventReader.String(form, "user_id");
        var trigger = SlackEventReader.String(form, "trigger_id");
        var text = SlackEventReader.String(form, "text") ?? "";
        if (team is null || channel is null || user is null || trigger is null)
        {
            return Ephemeral("That command arrived without its team, channel, user or trigger; please try again.");
        }

        if (text.Length > SlackEventReader.MaxTextLength)
        {
            return Ephemeral($"That is too long for a command: keep it under {SlackEventReader.MaxTextLength:N0} characters.");
        }

        switch (DealCommandParser.Parse(text, Today))
        {
            case HelpCommand:
                return Ephemeral(CommandUsage.HelpText);
            case InvalidCommand invalid:
                return Ephemeral($"{invalid.Problem}\nUsage: {invalid.Usage}");
            case ShowPlanCommand when await OpenPlanModalAsync(team, channel, user, trigger, cancellationToken).ConfigureAwait(false) is { } answer:
                return answer.Length == 0 ? null : Ephemeral(answer);
        }

        var key = new ChannelKey(SlackEventReader.Platform, team, channel);
        var command = new InboundCommand($"cmd:{trigger}", key, $"trigger:{trigger}", null, new UserRef(user, SlackEventReader.String(form, "user_name") ?? user), time.GetUtcNow(), text)
        {
            ResponseUrl = SlackEventReader.String(form, "response_url"),
        };
        await inbox.TryRecordAsync(command, [$"slack:cmd:{trigger}"], cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Opens the plan modal; "" when it opened, a message when it can't, null to fall back to the text form.</summary>
    private async Task<string?> OpenPlanModalAsync(string team, string channel, string user, string trigger, CancellationToken cancellationToken)
    {
        var deal = await deals.FindLatestAsync(new ChannelKey(SlackEventReader.Platform, team, channel), cancellationToken).ConfigureAwait(false);
        if (deal is null || deal.IsClosed)
        {
            return Conversations.Handlers.DealCommandHandler.NoDeal;
        }

        var token = await tokens.BotTokenAsync(team, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return null;
        }

        try
        {
            await api.OpenViewAsync(token, trigger, SlackModals.PlanModal(deal, Metadata(team, channel, user, null)), cancellationToken).ConfigureAwait(false);
            return "";
        }
        catch (SlackApiException e)
        {
            Log.ModalFailed(logger, e.Method, e.Error);
            return null;
        }
    }

    private async Task<JsonNode?> InteractionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var type = SlackEventReader.String(payload, "type");
        var team = Nested(payload, "team", "id");
        var user = Nested(payload, "user", "id");
        var trigger = SlackEventReader.String(payload, "trigger_id");
        if (team is null || user is null || trigger is null)
        {
            return null;
        }

        switch (type)
        {
            case "message_action" when SlackEventReader.String(payload, "callback_id") == RephraseShortcut:
                var channel = Nested(payload, "channel", "id");
                var text = payload.TryGetProperty("message", out var message) ? SlackEventReader.String(message, "text") : null;
                if (channel is not null && !string.IsNullOrWhiteSpace(text) && text.Length <= SlackEventReader.MaxTextLength)
                {
                    await RecordAsync(team, channel, user, trigger, null, "rephrase " + SlackEventReader.StripMention(text, null), SlackEventReader.String(payload, "response_url"), cancellationToken).ConfigureAwait(false);
                }

                return null;
            case "block_actions":
                return await ButtonAsync(payload, team, user, trigger, cancellationToken).ConfigureAwait(false);
            case "view_submission":
                return await SubmissionAsync(payload, team, user, trigger, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task<JsonNode?> ButtonAsync(JsonElement payload, string team, string user, string trigger, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return null;
        }

        var action = actions[0];
        var channel = Nested(payload, "channel", "id") ?? Nested(payload, "container", "channel_id");
        if (channel is null)
        {
            return null;
        }

        var thread = Nested(payload, "container", "thread_ts") ?? Nested(payload, "message", "thread_ts") ?? Nested(payload, "message", "ts");
        var value = SlackEventReader.String(action, "value") ?? "";
        switch (SlackEventReader.String(action, "action_id"))
        {
            case Conversations.Handlers.CoachingReplies.LogGetAction:
                if (await tokens.BotTokenAsync(team, cancellationToken).ConfigureAwait(false) is { } token)
                {
                    await api.OpenViewAsync(token, trigger, SlackModals.LogGetModal(Metadata(team, channel, user, thread)), cancellationToken).ConfigureAwait(false);
                }

                return null;
            case Conversations.Handlers.CoachingReplies.NotAGiveAction:
                await RecordAsync(team, channel, user, trigger, thread, "not-a-give " + value, SlackEventReader.String(payload, "response_url"), cancellationToken).ConfigureAwait(false);
                return null;
            case Conversations.Handlers.CoachingReplies.QuietAction:
                await RecordAsync(team, channel, user, trigger, thread, "quiet on", SlackEventReader.String(payload, "response_url"), cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    private async Task<JsonNode?> SubmissionAsync(JsonElement payload, string team, string user, string trigger, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("view", out var view) || !view.TryGetProperty("state", out var state) || !state.TryGetProperty("values", out var values))
        {
            return null;
        }

        var (metaTeam, channel, _, thread) = ReadMetadata(SlackEventReader.String(view, "private_metadata"));
        if (metaTeam != team || channel is null)
        {
            return null;
        }

        var viewId = SlackEventReader.String(view, "id") ?? trigger;
        switch (SlackEventReader.String(view, "callback_id"))
        {
            case SlackModals.PlanCallbackId:
                var plan = SlackModals.ReadPlanSubmission(values, Today);
                if (plan.Errors.Count > 0)
                {
                    return Errors(plan.Errors);
                }

                for (var i = 0; i < plan.Commands.Count; i++)
                {
                    await RecordAsync(team, channel, user, $"{viewId}:{i}", null, plan.Commands[i], null, cancellationToken).ConfigureAwait(false);
                }

                return null;
            case SlackModals.LogGetCallbackId:
                var got = SlackModals.ReadLogGet(values, out var error);
                if (got is null)
                {
                    return Errors(new Dictionary<string, string> { [SlackModals.LogGetBlockId] = error ?? "Say what they gave." });
                }

                await RecordAsync(team, channel, user, viewId, thread, "get " + got, null, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    private Task<bool> RecordAsync(string team, string channel, string user, string uniqueId, string? thread, string commandText, string? responseUrl, CancellationToken cancellationToken)
    {
        var command = new InboundCommand($"action:{uniqueId}", new ChannelKey(SlackEventReader.Platform, team, channel), $"trigger:{uniqueId}", thread, new UserRef(user, user), time.GetUtcNow(), commandText)
        {
            ResponseUrl = responseUrl,
        };
        return inbox.TryRecordAsync(command, [$"slack:action:{uniqueId}"], cancellationToken);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static JsonObject Ephemeral(string text) => new() { ["response_type"] = "ephemeral", ["text"] = SlackBlockKit.Escape(text) };

    private static JsonObject Errors(IReadOnlyDictionary<string, string> errors)
    {
        var map = new JsonObject();
        foreach (var (block, message) in errors)
        {
            map[block] = message;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = map };
    }

    private static string Metadata(string team, string channel, string user, string? thread) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["team"] = team, ["channel"] = channel, ["user"] = user, ["thread"] = thread });

    private static (string? Team, string? Channel, string? User, string? Thread) ReadMetadata(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata) || metadata.Length > 3000)
        {
            return default;
        }

        try
        {
            using var json = JsonDocument.Parse(metadata);
            var root = json.RootElement;
            return (SlackEventReader.String(root, "team"), SlackEventReader.String(root, "channel"), SlackEventReader.String(root, "user"), SlackEventReader.String(root, "thread"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Nested(JsonElement element, string outer, string inner) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(outer, out var o) ? SlackEventReader.String(o, inner) : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Slack event {EventId} recorded: {Recorded}")]
        public static partial void Event(ILogger logger, string eventId, bool recorded);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Slack rate-limited event deliveries for team {TeamId} (app_rate_limited)")]
        public static partial void RateLimited(ILogger logger, string teamId);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Slack team {TeamId} removed the app ({Reason}); its token is forgotten")]
        public static partial void Uninstalled(ILogger logger, string teamId, string? reason);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Opening a modal failed: {Method} {Error}")]
        public static partial void ModalFailed(ILogger logger, string method, string error);
    }
}
