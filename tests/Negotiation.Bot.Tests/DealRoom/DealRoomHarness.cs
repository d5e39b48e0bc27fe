using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Bot.DealRoom;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>
/// The real host on a real loopback port with the deal room on, SQLite in a temporary folder, and its own address as
/// the public base URL, so the "Open ledger" links it issues point back at it.
/// </summary>
internal sealed class DealRoomHarness : IAsyncDisposable
{
    private readonly string _folder;

    private DealRoomHarness(string folder, TestHost host, Uri address)
    {
        _folder = folder;
        Host = host;
        Address = address;
    }

    public TestHost Host { get; }

    public Uri Address { get; }

    public DealLinks Links => Host.App.Services.GetRequiredService<DealLinks>();

    public static async Task<DealRoomHarness> StartAsync(params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-room-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}");
        var host = await TestHost.StartAsync(
        [
            .. TestHost.Sqlite(folder),
            "--urls", address.AbsoluteUri.TrimEnd('/'),
            "--DealRoom:Enabled=true",
            $"--DealRoom:PublicBaseUrl={address}",
            $"--DataProtection:KeysPath={Path.Combine(folder, "keys")}",
            .. settings,
        ]);
        return new DealRoomHarness(folder, host, address);
    }

    public Task<HttpResponseMessage> PostAsync(string channel, string text, string user = "Priya", string? threadId = null) =>
        Host.Http.PostAsJsonAsync("/room/api/messages", new { channel, user, text, thread_id = threadId });

    /// <summary>Posts each text in order, checks each was accepted, and waits until the bot has answered all of them.</summary>
    public async Task<IReadOnlyList<JsonElement>> SayAsync(string channel, params string[] texts)
    {
        var posted = new List<JsonElement>();
        foreach (var text in texts)
        {
            var response = await PostAsync(channel, text);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            posted.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        await DrainedAsync();
        return posted;
    }

    public async Task<JsonElement[]> MessagesAsync(string channel) =>
        (await Host.Http.GetFromJsonAsync<JsonElement[]>($"/room/api/channels/{channel}/messages"))!;

    public async Task<JsonElement> DealAsync(string channel) =>
        (await Host.Http.GetFromJsonAsync<JsonElement>($"/room/api/channels/{channel}/deal")).GetProperty("deal");

    /// <summary>Waits until every recorded message was processed and every reply delivered (the host's /readyz figures).</summary>
    public Task DrainedAsync() => Host.DrainedAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
