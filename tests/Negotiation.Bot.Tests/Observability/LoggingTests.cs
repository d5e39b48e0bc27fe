using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Bot.Tests.Slack;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Observability;

/// <summary>What the host logs: event ids on its own entries, and no message text or secret above Debug.</summary>
public sealed class LoggingTests
{
    private const string GiveText = "we gave them net-60 payment terms";

    [Fact]
    public async Task SlackConversation_LogsAboveDebug_HoldNoMessageTextAndNoSecret()
    {
        using var logs = new CapturingLoggerProvider();
        await using (var slack = await SlackHarness.StartAsync($"--Slack:BotToken={SlackHarness.BotToken}", "--Logging:LogLevel:Default=Debug"))
        {
            slack.Host.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
            await slack.StartDealAsync();
            await slack.EventAsync(SlackHarness.MessageEvent("EvLog1", GiveText, "1732612800.000200"));
            // A duplicate delivery and a refused request log at Information and Warning.
            await slack.EventAsync(SlackHarness.MessageEvent("EvLog1", GiveText, "1732612800.000200"), retryNum: "1");
            using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(SlackHarness.MessageEvent("EvLog2", GiveText, "1.2")) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await slack.Host.Http.SendAsync(unsigned)).StatusCode);
            await slack.DrainedAsync();
            Assert.Single(slack.PostsInThread("1732612800.000200"));
        }

        AssertNothingSensitiveAboveDebug(logs, [GiveText, "net-60", "Acme renewal", "two-year term", SlackHarness.BotToken, SlackHarness.SigningSecret]);
    }

    [Fact]
    public async Task LocalChannel_LogsAboveDebug_HoldNoMessageText_AndTheHostsOwnEntriesCarryEventIds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-logging-tests", Guid.NewGuid().ToString("N"));
        using var logs = new CapturingLoggerProvider();
        await using var replies = await ReplyCollector.StartAsync();
        await using (var host = await TestHost.StartAsync(
            app => app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs), // before start: the workers' entries too
            [.. TestHost.Sqlite(folder), "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={replies.Webhook}", "--Logging:LogLevel:Default=Debug"]))
        {
            string[] texts = ["/deal start Acme renewal", "/deal phase propose", GiveText, "/deal ledger"];
            for (var i = 0; i < texts.Length; i++)
            {
                await host.PostEventAsync($"log-{i}", "room", texts[i]);
            }

            await host.PostEventAsync("log-0", "room", texts[0]);
            await replies.WaitForAsync(texts.Length, TimeSpan.FromSeconds(30));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        AssertNothingSensitiveAboveDebug(logs, [GiveText, "net-60", "Acme renewal"]);
        var ours = logs.Entries.Where(e => e.Category.StartsWith("Negotiation.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, e => Assert.NotEqual(0, e.EventId.Id));
        Assert.Contains(ours, e => e.Level == LogLevel.Information && e.EventId.Id == 2001); // the duplicate, by event id only
    }

    private static void AssertNothingSensitiveAboveDebug(CapturingLoggerProvider logs, string[] sensitive)
    {
        Assert.NotEmpty(logs.Entries);
        foreach (var entry in logs.Entries.Where(e => e.Level >= LogLevel.Information))
        {
            foreach (var text in sensitive)
            {
                Assert.False(
                    entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase) || entry.Values.Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase))
                        || (entry.Exception?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false),
                    $"{entry.Level} {entry.Category} ({entry.EventId.Id}) logs \"{text}\": {entry.Message}");
            }
        }
    }
}
