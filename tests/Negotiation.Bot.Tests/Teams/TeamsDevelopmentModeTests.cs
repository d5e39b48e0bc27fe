using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>
/// Teams:AllowUnauthenticated alone (no app id): activities without a token are taken and replies go without one,
/// as Microsoft's Agents Playground needs; only loopback service URLs are used. Without either setting, no endpoint.
/// </summary>
public sealed class TeamsDevelopmentModeTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-teams-dev", Guid.NewGuid().ToString("N"));
    private FakeTeamsConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeTeamsConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Unauthenticated_TakesActivitiesWithoutATokenAndRepliesWithoutOne()
    {
        await using var host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--Teams:AllowUnauthenticated=true"]);

        var response = await PostAsync(host, Personal("p1", "help", _connector.ServiceUrl));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _connector.WaitForAsync(calls => calls.Any(c => c.Status < 300));

        var reply = Assert.Single(_connector.Delivered);
        Assert.Null(reply.Authorization);
        Assert.Contains("Negotiation Coach commands", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_RefusesANonLoopbackHttpServiceUrl()
    {
        await using var host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--Teams:AllowUnauthenticated=true"]);

        var response = await PostAsync(host, Personal("p1", "help", "http://connector.example.com/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NeitherAppIdNorDevelopmentMode_MapsNoEndpoint()
    {
        await using var host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder)]);

        var response = await PostAsync(host, Personal("p1", "help", _connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject Personal(string id, string text, string serviceUrl) => JsonNode.Parse(JsonSerializer.Serialize(new
    {
        type = "message",
        id,
        serviceUrl,
        channelId = "msteams",
        text,
        from = new { id = "29:dana", name = "Dana" },
        recipient = new { id = "28:bot", name = "Coach" },
        conversation = new { id = "a:1chat", conversationType = "personal", tenantId = "t1" },
    }))!.AsObject();

    private static async Task<HttpResponseMessage> PostAsync(TestHost host, JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        return await host.Http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }
}
