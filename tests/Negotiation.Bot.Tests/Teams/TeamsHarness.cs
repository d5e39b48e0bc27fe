using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.Tokens;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>
/// The real host on loopback with Teams switched on: a local Bot Framework token service (OpenID metadata and JWKS
/// with endorsements, RSA keys made here) that mints the tokens the channel would send, and a local connector that
/// records every reply (and issues the bot's outbound token). Tests speak to the host exactly as Teams would.
/// </summary>
internal sealed class TeamsHarness : IAsyncDisposable
{
    public const string AppId = "2b8f3c4d-1111-4222-8333-944455566677";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string BotId = "28:" + AppId;
    public const string Channel = "19:deal-room@thread.tacv2";
    public const string TeamId = "19:team@thread.tacv2";

    private readonly string _folder;

    private TeamsHarness(string folder, BotFrameworkIssuer issuer, FakeTeamsConnector connector, TestHost host, RsaSecurityKey key)
    {
        _folder = folder;
        Issuer = issuer;
        Connector = connector;
        Host = host;
        Key = key;
    }

    public BotFrameworkIssuer Issuer { get; }

    public FakeTeamsConnector Connector { get; }

    public TestHost Host { get; }

    /// <summary>The published key, endorsed for msteams.</summary>
    public RsaSecurityKey Key { get; }

    public string DatabaseFile => Path.Combine(_folder, "negotiation.db");

    public static Task<TeamsHarness> StartAsync(params string[] settings) => StartAsync(singleTenant: false, settings);

    /// <summary><paramref name="singleTenant"/>: Teams:TenantId set, and Entra's tenant metadata served by the local issuer too.</summary>
    public static async Task<TeamsHarness> StartAsync(bool singleTenant, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-teams-tests", Guid.NewGuid().ToString("N"));
        var issuer = await BotFrameworkIssuer.StartAsync();
        var key = issuer.AddKey("msteams");
        var connector = await FakeTeamsConnector.StartAsync();
        var host = await TestHost.StartAsync(
        [
            .. TestHost.Sqlite(folder),
            $"--Teams:AppId={AppId}",
            "--Teams:AppPassword=test-secret",
            $"--Teams:OpenIdMetadataUrl={issuer.MetadataUrl}",
            $"--Teams:TokenEndpoint={connector.TokenEndpoint}",
            "--Teams:ApiTimeout=00:00:02",
            .. (singleTenant ? [$"--Teams:TenantId={TenantId}", $"--Teams:EntraMetadataUrlTemplate={issuer.EntraMetadataUrlTemplate}"] : Array.Empty<string>()),
            .. settings,
        ]);
        return new TeamsHarness(folder, issuer, connector, host, key);
    }

    /// <summary>A valid channel token for this bot and the fake connector's service URL.</summary>
    public string Token() => BotFrameworkIssuer.Mint(Key, AppId, Connector.ServiceUrl);

    /// <summary>A channel post (or a reply in thread <paramref name="root"/>) @mentioning the bot, as Teams sends it.</summary>
    public JsonObject ChannelMessage(string id, string text, string? root = null, bool mention = true, string user = "29:dana", string? serviceUrl = null)
    {
        var entities = new JsonArray();
        var body = text;
        if (mention)
        {
            body = "<at>Coach</at> " + text;
            entities.Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>Coach</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "Coach" } });
        }

        return Activity("message", id, $"{Channel};messageid={root ?? id}", "channel", user, serviceUrl, a =>
        {
            a["text"] = body;
            a["textFormat"] = "plain";
            a["entities"] = entities;
        });
    }

    public JsonObject PersonalMessage(string id, string text, string user = "29:dana") =>
        Activity("message", id, "a:1personal-chat", "personal", user, null, a => a["text"] = text);

    public JsonObject Invoke(string id, string name, JsonNode value, string root, string? replyToId = null) =>
        Activity("invoke", id, $"{Channel};messageid={root}", "channel", "29:dana", null, a =>
        {
            a["name"] = name;
            a["value"] = value;
            if (replyToId is not null)
            {
                a["replyToId"] = replyToId;
            }
        });

    public JsonObject Activity(string type, string id, string conversationId, string conversationType, string user, string? serviceUrl, Action<JsonObject>? fill = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = "2026-11-27T03:00:00.000Z",
            ["serviceUrl"] = serviceUrl ?? Connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user, ["name"] = "Dana Lee", ["aadObjectId"] = "aad-" + user },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Coach" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = TenantId,
                ["isGroup"] = conversationType != "personal",
            },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = TenantId },
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Sales" },
                ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "Acme deal" },
            },
        };
        fill?.Invoke(activity);
        return activity;
    }

    /// <summary>Posts an activity with a valid token unless <paramref name="authorization"/> says otherwise ("" for no header).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        authorization ??= "Bearer " + Token();
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Host.Http.SendAsync(request);
    }

    /// <summary>Starts a deal in the channel (thread 100) and moves it to Propose, so gives are coached.</summary>
    public async Task StartDealAsync()
    {
        foreach (var (id, text) in new[] { ("100", "start Acme renewal trading"), ("101", "plan want two-year term value $40k"), ("102", "phase propose") })
        {
            var response = await PostAsync(ChannelMessage(id, text, root: "100"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        await DrainedAsync();
    }

    /// <summary>Replies the connector accepted into one conversation (thread) id.</summary>
    public IReadOnlyList<FakeTeamsCall> RepliesIn(string conversationId) =>
        Connector.Delivered.Where(c => c.ConversationId == conversationId).ToList();

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the host has processed every recorded event and delivered or parked every reply.</summary>
    public Task<JsonElement> DrainedAsync() => Host.DrainedAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Issuer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
