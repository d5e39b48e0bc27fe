using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Inbound;
using Negotiation.Slack.Api;
using Negotiation.Slack.Auth;
using Negotiation.Slack.Install;
using Negotiation.Slack.SocketMode;

namespace Negotiation.Slack.Http;

/// <summary>
/// Slack's HTTP endpoints: every request is read raw, size-checked and signature-verified before any parsing
/// (protocols.md A1); then the body goes to the one dispatch, and Slack gets its answer well inside 3 seconds.
/// </summary>
public static partial class SlackEndpoints
{
    /// <summary>Bodies above this are refused with 413 (Slack's own payloads are far smaller).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string StateCookie = "slack_oauth_state";

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<SlackOptions>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints));
        if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            Log.NotMapped(logger);
            return app;
        }

        var verifier = new SlackSignatureVerifier(options.SigningSecret, app.ServiceProvider.GetRequiredService<TimeProvider>());
        app.MapPost("/slack/events", context => HandleAsync(context, verifier, logger, EventsAsync));
        app.MapPost("/slack/commands", context => HandleAsync(context, verifier, logger, CommandsAsync));
        app.MapPost("/slack/interactions", context => HandleAsync(context, verifier, logger, InteractionsAsync));
        if (options.IsOAuth)
        {
            app.MapGet("/slack/install", Install);
            app.MapGet("/slack/oauth/callback", CallbackAsync);
        }

        Log.Mapped(logger, options.IsOAuth ? "OAuth v2 multi-workspace" : "single-workspace");
        return app;
    }

    private static async Task HandleAsync(HttpContext context, SlackSignatureVerifier verifier, ILogger logger, Func<HttpContext, byte[], Task<IResult>> next)
    {
        var result = await VerifiedAsync(context, verifier, logger, next).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<IResult> VerifiedAsync(HttpContext context, SlackSignatureVerifier verifier, ILogger logger, Func<HttpContext, byte[], Task<IResult>> next)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var failure = verifier.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body);
        if (failure != SlackSignatureFailure.None)
        {
            Log.Refused(logger, request.Path.Value, failure);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (request.Headers.TryGetValue("X-Slack-Retry-Num", out var retry))
        {
            string retryNum = retry.ToString(), reason = request.Headers["X-Slack-Retry-Reason"].ToString();
            Log.Retry(logger, retryNum, reason);
        }

        try
        {
            return await next(context, body).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Results.BadRequest("The body is not valid JSON.");
        }
    }

    private static async Task<IResult> EventsAsync(HttpContext context, byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Results.BadRequest("Expected a JSON object.");
        }

        if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "url_verification")
        {
            return Results.Json(new { challenge = root.TryGetProperty("challenge", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : "" });
        }

        await Dispatcher(context).HandleAsync("events_api", root, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> CommandsAsync(HttpContext context, byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (form.TryGetValue("ssl_check", out var ssl) && ssl == "1")
        {
            return Results.Ok();
        }

        // Socket Mode delivers the same fields as a JSON object: the dispatch reads one shape.
        var fields = JsonSerializer.SerializeToElement(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
        return Answer(await Dispatcher(context).HandleAsync("slash_commands", fields, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> InteractionsAsync(HttpContext context, byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("payload", out var payload) || string.IsNullOrEmpty(payload))
        {
            return Results.BadRequest("Expected a payload field.");
        }

        using var json = JsonDocument.Parse(payload.ToString());
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Results.BadRequest("Expected a JSON object.");
        }

        return Answer(await Dispatcher(context).HandleAsync("interactive", json.RootElement, context.RequestAborted).ConfigureAwait(false));
    }

    private static IResult Install(HttpContext context, SlackOptions options, IDataProtectionProvider protection)
    {
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var state = StateProtector(protection).Protect(nonce, TimeSpan.FromMinutes(10));
        context.Response.Cookies.Append(StateCookie, nonce, new CookieOptions { HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(10) });
        var url = QueryHelpers.AddQueryString("https://slack.com/oauth/v2/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = options.ClientId,
            ["scope"] = options.Scopes,
            ["redirect_uri"] = options.OAuthRedirectUrl?.ToString(),
            ["state"] = state,
        });
        return Results.Redirect(url);
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context, SlackOptions options, IDataProtectionProvider protection, ISlackWebApi api, ISlackInstallationStore installations, ILoggerFactory loggers)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("error"))
        {
            return Page("Install cancelled", "Slack said the install was not approved. You can close this tab.", StatusCodes.Status400BadRequest);
        }

        string nonce;
        try
        {
            nonce = StateProtector(protection).Unprotect(query["state"].ToString());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Page("Install link expired", "That install link is invalid or older than 10 minutes. Start again from the install page.", StatusCodes.Status400BadRequest);
        }

        if (context.Request.Cookies[StateCookie] != nonce || string.IsNullOrEmpty(query["code"]))
        {
            return Page("Install refused", "This install didn't start in this browser. Start again from the install page.", StatusCodes.Status400BadRequest);
        }

        context.Response.Cookies.Delete(StateCookie);
        try
        {
            var access = await api.OAuthV2AccessAsync(options.ClientId!, options.ClientSecret!, query["code"].ToString(), options.OAuthRedirectUrl, context.RequestAborted).ConfigureAwait(false);
            await installations.SaveAsync(new SlackInstallation(access.TeamId, access.TeamName, access.AccessToken, access.BotUserId, access.InstallerUserId), context.RequestAborted).ConfigureAwait(false);
            var logger = loggers.CreateLogger(typeof(SlackEndpoints));
            Log.Installed(logger, access.TeamId);
            return Page("Negotiation Coach is installed", $"Installed in {System.Net.WebUtility.HtmlEncode(access.TeamName ?? access.TeamId)}. Invite @Negotiation Coach to a deal channel and type /deal start.", StatusCodes.Status200OK);
        }
        catch (SlackApiException e)
        {
            return Page("Install failed", $"Slack refused the install ({System.Net.WebUtility.HtmlEncode(e.Error)}). Start again from the install page.", StatusCodes.Status502BadGateway);
        }
    }

    private static ITimeLimitedDataProtector StateProtector(IDataProtectionProvider protection) =>
        protection.CreateProtector("slack-oauth-state").ToTimeLimitedDataProtector();

    private static IResult Page(string title, string message, int status) =>
        Results.Content($"<!doctype html><meta charset=utf-8><title>{title}</title><h1>{title}</h1><p>{message}</p>", "text/html; charset=utf-8", Encoding.UTF8, status);

    private static IResult Answer(JsonNode? answer) =>
        answer is null ? Results.Ok() : Results.Content(answer.ToJsonString(), "application/json; charset=utf-8");

    private static ISlackEnvelopeHandler Dispatcher(HttpContext context) => context.RequestServices.GetRequiredService<ISlackEnvelopeHandler>();

    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Slack endpoints are not mapped: Slack:SigningSecret is not set")]
        public static partial void NotMapped(ILogger logger);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Slack endpoints mapped ({Mode})")]
        public static partial void Mapped(ILogger logger, string mode);

        [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Refused a Slack request to {Path}: {Failure}")]
        public static partial void Refused(ILogger logger, string? path, SlackSignatureFailure failure);

        [LoggerMessage(EventId = 5304, Level = LogLevel.Debug, Message = "Slack retry {RetryNum} ({Reason})")]
        public static partial void Retry(ILogger logger, string retryNum, string reason);

        [LoggerMessage(EventId = 5305, Level = LogLevel.Information, Message = "Slack app installed in team {TeamId}")]
        public static partial void Installed(ILogger logger, string teamId);
    }
}
