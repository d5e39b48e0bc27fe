namespace Negotiation.Bot.Hosting;

/// <summary>Settings of traces and metrics (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The service name traces and metrics carry (OpenTelemetry resource <c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "negotiation-coach";

    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>); set, traces and metrics are exported to it.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default, port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>The Prometheus scrape endpoint.</summary>
    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>How long a credential check's answer (e.g. Slack <c>auth.test</c>) is reused by <c>/readyz</c>.</summary>
    public TimeSpan CredentialCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            yield return "Telemetry:ServiceName is empty; leave it out for the default \"negotiation-coach\".";
        }

        if (OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
        {
            yield return $"Telemetry:OtlpEndpoint \"{otlp}\" must be an absolute http(s) URL of an OTLP collector, e.g. http://otel-collector:4317; leave it empty to export nothing.";
        }

        if (OtlpProtocol is not ("Grpc" or "HttpProtobuf"))
        {
            yield return $"Telemetry:OtlpProtocol \"{OtlpProtocol}\" must be Grpc (port 4317) or HttpProtobuf (port 4318).";
        }

        if (!Prometheus.Path.StartsWith('/') || Prometheus.Path.Length < 2)
        {
            yield return $"Telemetry:Prometheus:Path \"{Prometheus.Path}\" must start with / and name a path, e.g. /metrics.";
        }

        if (CredentialCheckInterval < TimeSpan.FromSeconds(10))
        {
            yield return "Telemetry:CredentialCheckInterval must be at least 00:00:10, so readiness probes don't hammer the platform's API.";
        }
    }
}

/// <summary>The Prometheus scrape endpoint (configuration section <c>Telemetry:Prometheus</c>).</summary>
public sealed class PrometheusOptions
{
    /// <summary>Maps the scrape endpoint. Off by default: the figures tell outsiders how busy the bot is.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the scrape endpoint listens.</summary>
    public string Path { get; set; } = "/metrics";
}
