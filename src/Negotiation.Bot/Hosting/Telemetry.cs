using System.Diagnostics.Metrics;
using Negotiation.Conversations.Telemetry;
using Negotiation.Storage.Inbox;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Negotiation.Bot.Hosting;

/// <summary>Traces and metrics: the coach's own instruments, ASP.NET Core and HttpClient, exported by OTLP and/or Prometheus.</summary>
public static partial class Telemetry
{
    /// <summary>Endpoints whose first path segment names a platform; requests to them are counted per platform.</summary>
    private static readonly Dictionary<string, string> PlatformPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["slack"] = "slack",
        ["teams"] = "teams",
        ["local"] = "local",
        ["api"] = "teams", // Bot Framework's conventional /api/messages.
    };

    public static IServiceCollection AddCoachTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new CoachMetrics(sp.GetRequiredService<IMeterFactory>(), () => ReadInboxDepth(sp)));

        var exportOtlp = options.OtlpEndpoint is not null;
        if (!exportOtlp && !options.Prometheus.Enabled)
        {
            // Nobody reads them: the instruments still count (for a MeterListener), but no SDK pipeline runs.
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(CoachMetrics.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path, options))
                    // A Slack response_url's path is a credential: those calls are not traced.
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                        !string.Equals(request.RequestUri?.Host, "hooks.slack.com", StringComparison.OrdinalIgnoreCase));
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter(o => Otlp(o, options, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CoachMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, options, "v1/metrics"));
                }

                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        return services;
    }

    /// <summary>Counts requests to the channel endpoints by platform, and maps the scrape endpoint when it is on.</summary>
    public static WebApplication UseCoachTelemetry(this WebApplication app, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var metrics = app.Services.GetRequiredService<CoachMetrics>();
        app.Use((context, next) =>
        {
            if (Platform(context.Request.Path) is { } platform)
            {
                // Counted as the response starts, so whoever reads the response can already see it counted.
                context.Response.OnStarting(() =>
                {
                    metrics.RequestReceived(platform, context.Response.StatusCode);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Telemetry));
        if (options.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path);
            Log.PrometheusMapped(logger, options.Prometheus.Path);
        }

        if (options.OtlpEndpoint is { } otlp)
        {
            Log.OtlpExporting(logger, otlp, options.OtlpProtocol);
        }

        return app;
    }

    private static string? Platform(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2)
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        var first = end < 0 ? value[1..] : value[1..end];
        return PlatformPaths.GetValueOrDefault(first);
    }

    private static bool IsProbe(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(options.Prometheus.Path, StringComparison.OrdinalIgnoreCase);

    private static void Otlp(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        var endpoint = options.OtlpEndpoint!;
        if (options.OtlpProtocol == "HttpProtobuf")
        {
            // An endpoint set in code is used as is over HTTP: each signal needs its own path on the collector.
            var root = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
            exporter.Endpoint = new Uri(root, signalPath);
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        }
        else
        {
            exporter.Endpoint = endpoint;
            exporter.Protocol = OtlpExportProtocol.Grpc;
        }
    }

    /// <summary>Read when metrics are collected (a scrape or an export), on the collector's thread, so synchronously.</summary>
    private static InboxDepth? ReadInboxDepth(IServiceProvider services)
    {
        try
        {
            using var scope = services.CreateScope();
            var (pending, parked) = scope.ServiceProvider.GetRequiredService<EfInbox>().CountAsync().GetAwaiter().GetResult();
            return new InboxDepth(pending, parked);
        }
#pragma warning disable CA1031 // A gauge must never break the scrape; the database's state is /readyz's to report.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Prometheus scrape endpoint mapped at {Path}")]
        public static partial void PrometheusMapped(ILogger logger, string path);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Exporting traces and metrics by OTLP ({Protocol}) to {Collector}")]
        public static partial void OtlpExporting(ILogger logger, Uri collector, string protocol);
    }
}
