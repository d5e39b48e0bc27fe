using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Negotiation.Slack.Api;

/// <summary>The resilience pipeline around every Slack Web API call.</summary>
public sealed class SlackWebApiResilienceOptions
{
    /// <summary>One HTTP attempt gives up after this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole call, retries included, gives up after this.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries when no connection could be made at all (the request never left); 0 turns them off.</summary>
    public int ConnectionRetries { get; set; } = 2;

    /// <summary>The first wait before a connection retry; it grows exponentially, with jitter.</summary>
    public TimeSpan ConnectionRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>Registers <see cref="ISlackWebApi"/> as a typed HttpClient with its resilience pipeline.</summary>
public static class SlackWebApiRegistration
{
    public const string PipelineName = "slack-web-api";

    public static IHttpClientBuilder AddSlackWebApi(this IServiceCollection services, SlackOptions options, Action<SlackWebApiResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var resilience = new SlackWebApiResilienceOptions();
        configure?.Invoke(resilience);
        if (resilience.AttemptTimeout <= TimeSpan.Zero || resilience.TotalTimeout < resilience.AttemptTimeout || resilience.ConnectionRetries < 0)
        {
            throw new ArgumentException("Slack Web API timeouts must be positive, the total no shorter than one attempt, and retries not negative.", nameof(configure));
        }

        var baseUrl = options.ApiBaseUrl.AbsoluteUri.EndsWith('/') ? options.ApiBaseUrl : new Uri(options.ApiBaseUrl.AbsoluteUri + "/");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SlackApiThrottle(sp.GetRequiredService<TimeProvider>()));

        var client = services.AddHttpClient<ISlackWebApi, SlackWebApiClient>(http =>
        {
            http.BaseAddress = baseUrl;
            // The pipeline owns the timeouts (and reports them as TimeoutRejectedException → "timeout").
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        // The factory's default loggers write every request URI, and a response_url's path is a credential (five
        // posts to someone's conversation). This client logs its own outcomes, by method and workspace hash only.
        client.RemoveAllLoggers();

        // Why not AddStandardResilienceHandler: its retry replays 5xx, 408 and 429 for every method, and most Slack
        // writes are not idempotent — a chat.postMessage whose answer was lost would be posted twice, and a retried
        // 429 would hide the Retry-After this client must remember per (method, workspace). So the pipeline only
        // (1) bounds time, per attempt and in total, and (2) retries when the connection could not be made, i.e.
        // the request certainly never reached Slack. Every other failure surfaces as a SlackApiException whose
        // IsTransient tells the outbox to retry later, with its own backoff and idempotency key.
        client.AddResilienceHandler(PipelineName, builder =>
        {
            builder.AddTimeout(resilience.TotalTimeout);
            if (resilience.ConnectionRetries > 0)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = resilience.ConnectionRetries,
                    Delay = resilience.ConnectionRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(NeverSent(args.Outcome.Exception)),
                });
            }

            builder.AddTimeout(resilience.AttemptTimeout);
        });
        return client;
    }

    /// <summary>True only for failures before a single byte of the request could have been sent.</summary>
    internal static bool NeverSent(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };
}
