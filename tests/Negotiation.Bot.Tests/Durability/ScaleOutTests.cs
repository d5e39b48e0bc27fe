using System.Net;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;
using Npgsql;

namespace Negotiation.Bot.Tests.Durability;

/// <summary>Two hosts on one PostgreSQL: every event sent twice, to both, at once — and still exactly one reply each.</summary>
public sealed class ScaleOutTests
{
    private const int Events = 1000;
    private const int Channels = 20;

    [Fact]
    public async Task TwoHosts_EachEventDeliveredTwiceToBoth_ExactlyOneReplyPerEventAndNoneLost()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var replies = await ReplyCollector.StartAsync();
        string[] settings =
        [
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={database.ConnectionString}",
            "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={replies.Webhook}", "--Workers:InboxConcurrency=4",
        ];
        await using var first = await TestHost.StartAsync(settings);
        await using var second = await TestHost.StartAsync(settings);

        // Every command answers exactly once: start, give, ledger and help, spread over 20 channels.
        string[] commands = ["/deal start Deal", "/deal give 2% off list", "/deal ledger", "/deal help"];
        var events = Enumerable.Range(0, Events).Select(i => (Id: $"ev-{i:0000}", Channel: $"C{i % Channels}", Text: commands[i / Channels % commands.Length])).ToList();
        using var throttle = new SemaphoreSlim(32);
        var posts = events.SelectMany(e => new[] { (first, e), (second, e), (second, e), (first, e) }).Select(async pair =>
        {
            await throttle.WaitAsync();
            try
            {
                var response = await pair.Item1.PostEventAsync(pair.e.Id, pair.e.Channel, pair.e.Text);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
            finally
            {
                throttle.Release();
            }
        });
        await Task.WhenAll(posts);

        await replies.WaitForAsync(Events, TimeSpan.FromMinutes(3));
        await WaitUntilQueuesDrainAsync(database.ConnectionString);

        Assert.Equal(Events, replies.Replies.Count);
        Assert.Equal(events.Select(e => e.Id).Order(StringComparer.Ordinal), replies.EventIds.Order(StringComparer.Ordinal));
    }

    /// <summary>Waits, without sleeping, until the database says nothing is left to process or send.</summary>
    private static async Task WaitUntilQueuesDrainAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand("SELECT (SELECT COUNT(*) FROM inbox WHERE status <> 1) + (SELECT COUNT(*) FROM outbox WHERE status <> 2)", connection);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((long)(await listen.ExecuteScalarAsync(deadline.Token))! > 0)
        {
            await Task.Yield();
        }
    }
}
