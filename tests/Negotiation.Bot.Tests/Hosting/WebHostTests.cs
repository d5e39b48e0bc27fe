using System.Net;
using System.Text.Json;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Hosting;

/// <summary>The host over real HTTP on SQLite: health, readiness, and the local channel's record-then-ack ingress.</summary>
public sealed class WebHostTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-host-tests", Guid.NewGuid().ToString("N"));
    private ReplyCollector _replies = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _replies = await ReplyCollector.StartAsync();
        _host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--LocalChannel:Enabled=true", $"--LocalChannel:ReplyWebhook={_replies.Webhook}"]);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _replies.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Healthz_AnswersOk()
    {
        var response = await _host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_MigratedDatabase_IsReadyWithQueueFigures()
    {
        using var json = JsonDocument.Parse(await _host.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative)));

        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("outbox").GetProperty("parked").GetInt32());
        Assert.True(File.Exists(Path.Combine(_folder, "negotiation.db")));
    }

    [Fact]
    public async Task LocalEvents_CommandsAndChat_AreAckedThenAnsweredOnceEachInOrder()
    {
        string[] texts = ["/deal start Acme renewal", "/deal phase propose", "we gave them net-60 payment terms", "/deal ledger"];
        for (var i = 0; i < texts.Length; i++)
        {
            var response = await _host.PostEventAsync($"e{i}", "room", texts[i]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await _replies.WaitForAsync(texts.Length, TimeSpan.FromSeconds(30));

        Assert.Equal(["e0", "e1", "e2", "e3"], _replies.EventIds);
        var prompt = _replies.Replies.ElementAt(2).GetProperty("message").GetProperty("parts")[0];
        Assert.Equal("ReciprocityPrompt", prompt.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task LocalEvents_SameEventTwice_SecondIsAckedAsDuplicateAndAnsweredOnce()
    {
        var first = await (await _host.PostEventAsync("dup-1", "room", "/deal help")).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await _host.PostEventAsync("dup-1", "room", "/deal help")).Content.ReadFromJsonAsync<JsonElement>();
        await _host.PostEventAsync("after-dup", "room", "/deal help");

        await _replies.WaitForAsync(2, TimeSpan.FromSeconds(30));

        Assert.True(first.GetProperty("recorded").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(["dup-1", "after-dup"], _replies.EventIds);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("{\"channel\":\"room\",\"user\":\"dana\",\"text\":\"hi\"}", "event_id")]
    [InlineData("{\"event_id\":\"e1\",\"user\":\"dana\",\"text\":\"hi\"}", "channel")]
    [InlineData("{\"event_id\":\"e1\",\"channel\":\"room\",\"user\":\"dana\",\"text\":\"  \"}", "text")]
    [InlineData("null", "body")]
    public async Task LocalEvents_MalformedBody_Is400AndRecordsNothing(string body, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await _host.Http.PostAsync(new Uri("/local/events", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertInboxEmptyAsync();
    }

    [Fact]
    public async Task LocalEvents_OversizedBody_Is413AndRecordsNothing()
    {
        var response = await _host.PostEventAsync("big", "room", new string('x', 20_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertInboxEmptyAsync();
    }

    private async Task AssertInboxEmptyAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "negotiation.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
