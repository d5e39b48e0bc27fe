using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.LocalChannel;

/// <summary>An event posted to the local channel.</summary>
public sealed record LocalEvent(
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("thread_id")] string? ThreadId);

/// <summary>Maps the local channel: record-then-ack ingress through the durable inbox, like the real adapters.</summary>
public static partial class LocalChannelEndpoints
{
    public const string Platform = "local";
    public const string Workspace = "local";

    /// <summary>How the local channel writes JSON: enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Bodies above this are refused with 413.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapLocalChannel(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<LocalChannelOptions>();
        if (!options.Enabled)
        {
            return app;
        }

        Log.Enabled(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalChannelEndpoints)));
        var group = app.MapGroup("/local").AddEndpointFilter(async (context, next) =>
            IsLoopback(context.HttpContext.Connection.RemoteIpAddress) ? await next(context).ConfigureAwait(false) : Results.StatusCode(StatusCodes.Status403Forbidden));
        group.MapPost("/events", RecordAsync);
        group.MapGet("/replies", (long? after, LocalReplyLog log) => Results.Json(log.After(after ?? 0), Json));
        return app;
    }

    private static async Task<IResult> RecordAsync(HttpRequest request, IInbox inbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Problem($"The body is over {MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        LocalEvent? posted;
        try
        {
            posted = JsonSerializer.Deserialize<LocalEvent>(body);
        }
        catch (JsonException e)
        {
            return Results.Problem("The body is not valid JSON: " + e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (Missing(posted) is { } missing)
        {
            return Results.Problem($"Missing {missing}: send {{\"event_id\", \"channel\", \"user\", \"text\"}}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var channel = new ChannelKey(Platform, Workspace, posted!.Channel!);
        var user = new UserRef("local:" + posted.User, posted.User!);
        var text = posted.Text!.Trim();
        InboundActivity activity = text.StartsWith("/deal", StringComparison.OrdinalIgnoreCase) && (text.Length == 5 || char.IsWhiteSpace(text[5]))
            ? new InboundCommand(posted.EventId!, channel, posted.EventId!, posted.ThreadId, user, time.GetUtcNow(), text[5..].Trim())
            : new InboundMessage(posted.EventId!, channel, posted.EventId!, posted.ThreadId, user, time.GetUtcNow(), posted.Text!);

        var recorded = await inbox.TryRecordAsync(activity, [$"{Platform}:{posted.EventId}"], cancellationToken).ConfigureAwait(false);
        return Results.Json(new { recorded, duplicate = !recorded }, statusCode: StatusCodes.Status202Accepted);
    }

    private static string? Missing(LocalEvent? e) =>
        e is null ? "body"
        : string.IsNullOrWhiteSpace(e.EventId) || e.EventId.Length > 200 ? "event_id (1–200 characters)"
        : string.IsNullOrWhiteSpace(e.Channel) || e.Channel.Length > 200 ? "channel (1–200 characters)"
        : string.IsNullOrWhiteSpace(e.User) || e.User.Length > 200 ? "user (1–200 characters)"
        : string.IsNullOrWhiteSpace(e.Text) ? "text"
        : null;

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The local channel is enabled: POST /local/events takes unauthenticated events from loopback callers. Don't enable it on a shared host.")]
        public static partial void Enabled(ILogger logger);
    }
}
