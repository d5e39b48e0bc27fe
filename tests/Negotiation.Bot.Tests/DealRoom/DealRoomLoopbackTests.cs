using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>
/// The room takes unauthenticated messages, so it answers callers on this machine only: reached through the machine's
/// own network address (not loopback), the page and its API refuse, while the static files and the signed view don't.
/// </summary>
public sealed class DealRoomLoopbackTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-room-tests", Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Next();
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--urls", $"http://0.0.0.0:{_port}", "--DealRoom:Enabled=true"]);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static IPAddress OwnNetworkAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This test needs a non-loopback IPv4 address on this machine to call the host through; none is up.");

    [Fact]
    public async Task NonLoopbackCaller_RoomPageAndApiAre403_StaticFilesAndSignedViewStillAnswer()
    {
        using var remote = new HttpClient { BaseAddress = new Uri($"http://{OwnNetworkAddress()}:{_port}") };
        using var local = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };

        var page = await remote.GetAsync(new Uri("/", UriKind.Relative));
        var post = await remote.PostAsJsonAsync("/room/api/messages", new { channel = "deal-x", user = "Mallory", text = "/deal start Hijack" });
        var deals = await remote.GetAsync(new Uri("/room/api/deals", UriKind.Relative));
        var css = await remote.GetAsync(new Uri("/static/room.css", UriKind.Relative));
        var view = await remote.GetAsync(new Uri($"/deals/{Guid.NewGuid():N}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deals.StatusCode);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
        Assert.Contains("This page needs a link from the bot", await view.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await local.GetFromJsonAsync<object[]>("/room/api/channels/deal-x/messages") ?? []);
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }
}
