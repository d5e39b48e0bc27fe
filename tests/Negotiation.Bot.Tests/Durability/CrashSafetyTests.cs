using System.Diagnostics;
using System.Net;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Durability;

/// <summary>A real host process, killed with SIGKILL after acking events and before replying, loses nothing.</summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private const int Events = 40;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-crash-tests", Guid.NewGuid().ToString("N"));
    private ReplyCollector _replies = null!;

    public async Task InitializeAsync() => _replies = await ReplyCollector.StartAsync();

    public async Task DisposeAsync()
    {
        await _replies.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KillNine_AfterAckBeforeReply_EveryAckedEventGetsExactlyOneReplyAfterRestart()
    {
        // First life: it records and acks, but its inbox worker is off, so no reply can go out before the kill.
        var port = FreePort.Next();
        using (var host = await BotProcess.StartAsync(port, _folder, _replies.Webhook, "--Workers:ProcessInbox=false"))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            for (var i = 0; i < Events; i++)
            {
                var response = await http.PostAsJsonAsync("/local/events", new { event_id = $"ev-{i:00}", channel = $"C{i % 4}", user = "dana", text = "/deal help" });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            host.KillNine();
        }

        Assert.Empty(_replies.Replies);

        // Second life: the same database; every acked event is answered, once.
        using (await BotProcess.StartAsync(port, _folder, _replies.Webhook))
        {
            await _replies.WaitForAsync(Events, TimeSpan.FromMinutes(1));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForEmptyQueuesAsync(http);
        }

        Assert.Equal(Enumerable.Range(0, Events).Select(i => $"ev-{i:00}"), _replies.EventIds.Order(StringComparer.Ordinal));
    }

    /// <summary>Asks /readyz until nothing is pending: the outbox has marked every reply sent, so none can follow.</summary>
    private static async Task WaitForEmptyQueuesAsync(HttpClient http)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var ready = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/readyz", deadline.Token);
            if (ready.GetProperty("inbox").GetProperty("pending").GetInt32() == 0 && ready.GetProperty("outbox").GetProperty("pending").GetInt32() == 0)
            {
                return;
            }

            await Task.Yield();
        }
    }

    /// <summary>The bot as a child process (<c>dotnet negotiation-bot.dll serve</c>), ready once it says it listens.</summary>
    private sealed class BotProcess : IDisposable
    {
        private readonly Process _process;

        private BotProcess(Process process) => _process = process;

        public static async Task<BotProcess> StartAsync(int port, string folder, Uri webhook, params string[] settings)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])
            [
                Path.Combine(AppContext.BaseDirectory, "negotiation-bot.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
                "--Storage:Provider=Sqlite", $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "negotiation.db")}",
                "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={webhook}", "--Workers:PollInterval=00:00:00.050",
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. settings,
            ])
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }

                if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
                {
                    started.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            };
            process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The bot exited before it started:\n" + log));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new BotProcess(process);
        }

        /// <summary>SIGKILL: no shutdown hooks, no flushing, nothing graceful.</summary>
        public void KillNine()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
