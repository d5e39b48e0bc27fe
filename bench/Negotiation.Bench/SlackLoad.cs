using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// Signed Slack event_callback requests at a fixed number of connections, against any server (ours or Bolt):
/// pre-signed, unique event ids, a warm-up, then requests per second and ack latency percentiles.
/// </summary>
static class SlackLoad
{
    public static async Task RunAsync(Uri target, string secret, int connections, int events)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = target,
        };
        var run = Guid.NewGuid().ToString("N")[..8];
        var warmup = Sign(secret, run + "w", Math.Min(events / 5, 2000));
        var measured = Sign(secret, run + "m", events);

        await SendAllAsync(http, warmup, connections, new double[warmup.Count]);
        var latencies = new double[measured.Count];
        var watch = Stopwatch.StartNew();
        await SendAllAsync(http, measured, connections, latencies);
        var seconds = watch.Elapsed.TotalSeconds;

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{connections,3} connections: {measured.Count / seconds,8:N0} events/s   p50 {Percentile(latencies, 0.50),6:N2} ms   p99 {Percentile(latencies, 0.99),7:N2} ms"));
    }

    private static async Task SendAllAsync(HttpClient http, List<(string Body, string Timestamp, string Signature)> requests, int connections, double[] latencies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var (body, timestamp, signature) = requests[i];
                using var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
                request.Headers.Add("X-Slack-Signature", signature);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Request {i} answered {(int)response.StatusCode}.");
                }
            }
        }));
    }

    /// <summary>Unique message events in 50 channels, signed now (valid for Slack's 5 minutes).</summary>
    private static List<(string Body, string Timestamp, string Signature)> Sign(string secret, string prefix, int count)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Enumerable.Range(0, count).Select(i =>
        {
            var ts = string.Create(CultureInfo.InvariantCulture, $"1732612800.{i:D6}");
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev{{prefix}}{{i}}","event_time":1732612800,"event":{"type":"message","user":"U1","text":"we gave them net-60 payment terms","ts":"{{ts}}","channel":"C{{i % 50}}","channel_type":"channel","event_ts":"{{ts}}"},"authorizations":[{"team_id":"T1","user_id":"UBOT","is_bot":true}]}""");
            var signature = "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
            return (body, timestamp, signature);
        }).ToList();
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
