using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Inbound;
using Negotiation.Teams.Auth;
using Negotiation.Teams.Wire;

namespace Negotiation.Teams.Http;

/// <summary>
/// The Bot Framework messaging endpoint (default <c>POST /api/messages</c>): the body is size-checked and parsed,
/// the bearer token validated against the activity's channel and service URL (protocols.md B2), then the dispatch
/// answers. A refused request records nothing.
/// </summary>
public static partial class TeamsEndpoints
{
    /// <summary>Bodies above this are refused with 413 (activities are far smaller; bot messages stop near 100 KB).</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<TeamsOptions>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints));
        if (!options.IsEnabled)
        {
            Log.NotMapped(logger);
            return app;
        }

        if (options.IsDevelopmentMode)
        {
            Log.Unauthenticated(logger, options.Route);
        }

        app.MapPost(options.Route, async context =>
        {
            var result = await HandleAsync(context, options, logger).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        });
        Log.Mapped(logger, options.Route, options.IsDevelopmentMode ? "unauthenticated development mode" : "Bot Framework authentication");
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, TeamsOptions options, ILogger logger)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Authenticate before saying anything about the body.
            return options.IsDevelopmentMode ? Results.BadRequest("The body is not valid JSON.") : Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        using (json)
        {
            var activity = json.RootElement;
            var serviceUrl = activity.ValueKind == JsonValueKind.Object ? TeamsActivityReader.String(activity, "serviceUrl") : null;
            var channelId = activity.ValueKind == JsonValueKind.Object ? TeamsActivityReader.String(activity, "channelId") : null;
            if (!options.IsDevelopmentMode)
            {
                var validator = context.RequestServices.GetRequiredService<TeamsTokenValidator>();
                var auth = await validator.ValidateAsync(request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, channelId, serviceUrl, context.RequestAborted).ConfigureAwait(false);
                if (!auth.Succeeded)
                {
                    Log.Refused(logger, auth.Status, auth.Reason);
                    return Results.StatusCode(auth.Status);
                }
            }

            if (activity.ValueKind != JsonValueKind.Object || TeamsActivityReader.String(activity, "type") is null)
            {
                return Results.BadRequest("Expected an activity: a JSON object with a type.");
            }

            if (serviceUrl is not null && !(Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) && TeamsOptions.IsSafeUrl(service)))
            {
                return Results.BadRequest("serviceUrl must be https (or http on a loopback address).");
            }

            var dispatcher = context.RequestServices.GetRequiredService<TeamsDispatcher>();
            return await dispatcher.HandleAsync(activity, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Teams endpoint is not mapped: Teams:AppId is not set (and Teams:AllowUnauthenticated is off)")]
        public static partial void NotMapped(ILogger logger);

        [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "Teams endpoint mapped at {Route} ({Mode})")]
        public static partial void Mapped(ILogger logger, string route, string mode);

        [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "Refused a Teams request ({Status}): {Reason}")]
        public static partial void Refused(ILogger logger, int status, string reason);

        [LoggerMessage(EventId = 6304, Level = LogLevel.Warning, Message = "Teams:AllowUnauthenticated is on: {Route} accepts activities WITHOUT authentication and replies without a token. For local development with the Agents Playground only.")]
        public static partial void Unauthenticated(ILogger logger, string route);
    }
}
