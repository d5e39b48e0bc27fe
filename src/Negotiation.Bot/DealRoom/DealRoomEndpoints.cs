using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.DealRoom;

/// <summary>A teammate's message posted from the room page.</summary>
public sealed record RoomMessageRequest(
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("thread_id")] string? ThreadId);

/// <summary>
/// Maps the deal room: the page at <c>/</c> and its JSON API under <c>/room/</c> (loopback callers only: it takes
/// unauthenticated messages), and the signed read-only deal view at <c>/deals/{id}</c> (anyone holding a valid link).
/// Messages go through the durable inbox and the same pipeline as Slack; replies come back through the room's chat channel.
/// </summary>
public static partial class DealRoomEndpoints
{
    public const string Platform = "room";
    public const string Workspace = "room";

    /// <summary>Bodies above this are refused with 413.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Longest message the room takes, like a chat platform's own limit.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>How many deals the list shows.</summary>
    public const int ListedDeals = 100;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEndpointRouteBuilder MapDealRoom(this IEndpointRouteBuilder app)
    {
        // The read-only view serves real Slack and Teams deals, so it is there whether or not the room page is.
        app.MapGet("/deals/{id}", ReadOnlyViewAsync);
        app.MapGet("/static/{file}", (string file, HttpContext context) => Asset(file, context));

        var options = app.ServiceProvider.GetRequiredService<DealRoomOptions>();
        if (!options.Enabled)
        {
            app.MapGet("/", () => Results.Text("Negotiation Coach is running. Health: /healthz, readiness: /readyz\n"));
            return app;
        }

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DealRoomEndpoints));
        Log.Enabled(logger);
        var loopback = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            IsLoopback(context.HttpContext.Connection.RemoteIpAddress)
                ? await next(context).ConfigureAwait(false)
                : Results.Problem("The deal room answers on this machine only (loopback).", statusCode: StatusCodes.Status403Forbidden));
        loopback.MapGet("/", (HttpContext context) => Asset("room.html", context));
        loopback.MapPost("/room/api/messages", PostAsync);
        loopback.MapGet("/room/api/channels/{channel}/messages", (string channel, long? after, RoomLog log) =>
            ValidChannel(channel) ? Results.Json(log.After(channel, after ?? 0), Json) : BadChannel());
        loopback.MapGet("/room/api/channels/{channel}/deal", DealInChannelAsync);
        loopback.MapGet("/room/api/deals", async (IDealStore deals, CancellationToken cancellationToken) =>
            Results.Json((await deals.ListAsync(Platform, Workspace, ListedDeals, cancellationToken).ConfigureAwait(false)).Select(DealView.ListItem), Json));
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, IInbox inbox, RoomLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge();
        }

        RoomMessageRequest? posted;
        try
        {
            posted = JsonSerializer.Deserialize<RoomMessageRequest>(body);
        }
        catch (JsonException e)
        {
            return Results.Problem("The body is not valid JSON: " + e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (Problem(posted) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var id = "m" + Guid.NewGuid().ToString("N");
        var channel = new ChannelKey(Platform, Workspace, posted!.Channel!);
        var author = posted.User!.Trim();
        var user = new UserRef("room:" + author.ToLowerInvariant(), author);
        var text = posted.Text!.Trim();
        var thread = string.IsNullOrWhiteSpace(posted.ThreadId) ? null : posted.ThreadId;
        InboundActivity activity = IsCommand(text)
            ? new InboundCommand(id, channel, id, thread, user, time.GetUtcNow(), text[5..].Trim())
            : new InboundMessage(id, channel, id, thread, user, time.GetUtcNow(), text);

        // Shown before it is recorded, so the reply (written later by a worker) never appears above its message.
        var entry = log.AddMessage(id, channel.Channel, thread, author, text);
        await inbox.TryRecordAsync(activity, [$"{Platform}:{id}"], cancellationToken).ConfigureAwait(false);
        return Results.Json(entry, Json, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> DealInChannelAsync(string channel, IDealStore deals, CancellationToken cancellationToken)
    {
        if (!ValidChannel(channel))
        {
            return BadChannel();
        }

        var deal = await deals.FindLatestAsync(new ChannelKey(Platform, Workspace, channel), cancellationToken).ConfigureAwait(false);
        return deal is null
            ? Results.Json(new { deal = (DealView?)null }, Json)
            : Results.Json(new { deal = DealView.Of(deal) }, Json);
    }

    /// <summary>The read-only deal view: only with a valid, unexpired link the bot issued for this very deal.</summary>
    private static async Task<IResult> ReadOnlyViewAsync(string id, string? t, DealLinks links, IDealStore deals, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(id, "N", out var dealId) && !Guid.TryParseExact(id, "D", out dealId))
        {
            return DealPage.Refused(StatusCodes.Status404NotFound, "No such deal", "This address doesn't name a deal. Open the link the bot posted in your deal channel.");
        }

        var check = links.Check(dealId, t);
        switch (check.Status)
        {
            case DealLinkStatus.Missing:
                return DealPage.Refused(StatusCodes.Status403Forbidden, "This page needs a link from the bot", "Deal pages open only from the signed \"Open ledger\" link the bot posts in the deal's channel. Ask for one with /deal ledger.");
            case DealLinkStatus.Expired:
                return DealPage.Refused(StatusCodes.Status403Forbidden, "This link has expired", "Deal links stop working after a while, so an old link can't be passed around. Ask the bot for a fresh one with /deal ledger in the deal's channel.");
            case DealLinkStatus.Invalid:
                return DealPage.Refused(StatusCodes.Status403Forbidden, "This link is not valid", "The link was changed, is for another deal, or was not issued by this bot. Use the \"Open ledger\" link exactly as the bot posted it, or ask for a new one with /deal ledger.");
        }

        var deal = await deals.FindAsync(check.Platform, check.Workspace, dealId, cancellationToken).ConfigureAwait(false);
        return deal is null
            ? DealPage.Refused(StatusCodes.Status404NotFound, "This deal no longer exists", "It may have been deleted with /deal forget.")
            : DealPage.View(DealView.Of(deal));
    }

    private static bool IsCommand(string text) =>
        text.StartsWith("/deal", StringComparison.OrdinalIgnoreCase) && (text.Length == 5 || char.IsWhiteSpace(text[5]));

    private static string? Problem(RoomMessageRequest? m) =>
        m is null ? "Missing body: send {\"channel\", \"user\", \"text\"}."
        : m.Channel is null || !ValidChannel(m.Channel) ? "Missing or bad channel: 1–80 lowercase letters, digits, - or _, e.g. deal-acme-renewal."
        : string.IsNullOrWhiteSpace(m.User) || m.User.Trim().Length > 60 ? "Missing user: who is speaking (1–60 characters)."
        : string.IsNullOrWhiteSpace(m.Text) ? "Missing text: say something."
        : m.Text.Length > MaxTextLength ? $"The text is over {MaxTextLength:N0} characters."
        : m.ThreadId is { Length: > 100 } ? "thread_id is too long."
        : null;

    private static bool ValidChannel(string channel) => ChannelName().IsMatch(channel);

    private static IResult BadChannel() =>
        Results.Problem("Bad channel name: 1–80 lowercase letters, digits, - or _.", statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge() =>
        Results.Problem($"The body is over {MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Asset(string file, HttpContext context)
    {
        if (RoomAssets.Find(file) is not { } asset)
        {
            return Results.NotFound();
        }

        DealPage.Secure(context.Response);
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial Regex ChannelName();

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "The deal room is on at / for loopback callers (DealRoom:Enabled). Turn it off in production.")]
        public static partial void Enabled(ILogger logger);
    }
}
