using System.Text.Json.Nodes;
using Negotiation.Slack.Api;
using Negotiation.Testing;

namespace Negotiation.Slack.Tests.Api;

public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string Bearer = "Bearer " + SlackApiHarness.Token;

    private SlackApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackApiHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task PostMessageAsync_WithBlocksAndThread_PostsJsonWithBearerTextBlocksAndThreadTs()
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*Offer* logged" } });

        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "Offer logged", blocks, "1700000000.000001"));

        var call = Assert.Single(_h.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("/api/chat.postMessage", call.Path);
        Assert.Equal("", call.QueryString);
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("C1", call.JsonString("channel"));
        Assert.Equal("Offer logged", call.JsonString("text"));
        Assert.Equal("1700000000.000001", call.JsonString("thread_ts"));
        var sent = call.Json!.Value.GetProperty("blocks");
        Assert.Equal("*Offer* logged", sent[0].GetProperty("text").GetProperty("text").GetString());
        Assert.DoesNotContain(SlackApiHarness.Token, call.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessageAsync_PlainText_OmitsBlocksAndThreadTs()
    {
        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "hello"));

        var body = Assert.Single(_h.Slack.CallsTo("chat.postMessage")).Json!.Value;
        Assert.Equal(["channel", "text"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PostMessageAsync_Success_ReturnsChannelAndIncreasingTs()
    {
        var first = await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "one"));
        var second = await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C2", "two"));

        Assert.Equal(new SlackPostedMessage("C1", "1700000000.000100"), first);
        Assert.Equal(new SlackPostedMessage("C2", "1700000000.000101"), second);
    }

    [Fact]
    public async Task PostMessageAsync_BlocksOwnedByAnotherNode_SendsThemAndLeavesCallerNodeIntact()
    {
        var owner = new JsonObject { ["blocks"] = new JsonArray(new JsonObject { ["type"] = "divider" }) };
        var blocks = owner["blocks"]!.AsArray();

        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "x", blocks));

        Assert.Same(owner, blocks.Parent);
        Assert.Equal("divider", _h.Slack.CallsTo("chat.postMessage")[0].Json!.Value.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostEphemeralAsync_Always_PostsChannelUserTextBlocksAndThreadTs()
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "divider" });

        await _h.Api.PostEphemeralAsync(SlackApiHarness.Token, "U42", new SlackMessage("C1", "only you", blocks, "1700000000.000001"));

        var call = Assert.Single(_h.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("C1", call.JsonString("channel"));
        Assert.Equal("U42", call.JsonString("user"));
        Assert.Equal("only you", call.JsonString("text"));
        Assert.Equal("1700000000.000001", call.JsonString("thread_ts"));
        Assert.Equal(1, call.Json!.Value.GetProperty("blocks").GetArrayLength());
    }

    [Fact]
    public async Task UpdateMessageAsync_Always_PostsChannelTsTextAndBlocks()
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "divider" });

        await _h.Api.UpdateMessageAsync(SlackApiHarness.Token, "1700000000.000100", new SlackMessage("C1", "edited", blocks));

        var call = Assert.Single(_h.Slack.CallsTo("chat.update"));
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("C1", call.JsonString("channel"));
        Assert.Equal("1700000000.000100", call.JsonString("ts"));
        Assert.Equal("edited", call.JsonString("text"));
        Assert.Equal(1, call.Json!.Value.GetProperty("blocks").GetArrayLength());
    }

    [Fact]
    public async Task AddReactionAsync_Always_PostsChannelTimestampAndName()
    {
        await _h.Api.AddReactionAsync(SlackApiHarness.Token, "C1", "1700000000.000100", "handshake");

        var call = Assert.Single(_h.Slack.CallsTo("reactions.add"));
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("C1", call.JsonString("channel"));
        Assert.Equal("1700000000.000100", call.JsonString("timestamp"));
        Assert.Equal("handshake", call.JsonString("name"));
    }

    [Fact]
    public async Task AddReactionAsync_AlreadyReacted_Succeeds()
    {
        _h.Slack.FailNext("reactions.add", "already_reacted");

        await _h.Api.AddReactionAsync(SlackApiHarness.Token, "C1", "1700000000.000100", "handshake");

        Assert.Single(_h.Slack.CallsTo("reactions.add"));
    }

    [Fact]
    public async Task AddReactionAsync_OtherError_Throws()
    {
        _h.Slack.FailNext("reactions.add", "invalid_name");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => _h.Api.AddReactionAsync(SlackApiHarness.Token, "C1", "1.2", "nope"));

        Assert.Equal("invalid_name", e.Error);
    }

    [Fact]
    public async Task OpenViewAsync_Always_PostsTriggerIdAndViewAndReturnsViewId()
    {
        var view = new JsonObject { ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "New deal" } };

        var id = await _h.Api.OpenViewAsync(SlackApiHarness.Token, "trigger-1", view);

        Assert.Equal(FakeSlackApi.ViewId, id);
        var call = Assert.Single(_h.Slack.CallsTo("views.open"));
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("trigger-1", call.JsonString("trigger_id"));
        Assert.Equal("New deal", call.Json!.Value.GetProperty("view").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public async Task UpdateViewAsync_Always_PostsViewIdAndView()
    {
        await _h.Api.UpdateViewAsync(SlackApiHarness.Token, "V9", new JsonObject { ["type"] = "modal" });

        var call = Assert.Single(_h.Slack.CallsTo("views.update"));
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("V9", call.JsonString("view_id"));
        Assert.Equal("modal", call.Json!.Value.GetProperty("view").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AuthTestAsync_Always_SendsBearerAndReturnsTeamUserAndBot()
    {
        var auth = await _h.Api.AuthTestAsync(SlackApiHarness.Token);

        Assert.Equal(new SlackAuthTest(FakeSlackApi.TeamId, FakeSlackApi.BotUserId, FakeSlackApi.BotId), auth);
        var call = Assert.Single(_h.Slack.CallsTo("auth.test"));
        Assert.Equal("/api/auth.test", call.Path);
        Assert.Equal(Bearer, call.Authorization);
        Assert.Equal("", call.QueryString);
    }

    [Fact]
    public async Task OAuthV2AccessAsync_WithRedirectUri_PostsFormWithoutBearerAndReturnsInstall()
    {
        var access = await _h.Api.OAuthV2AccessAsync("123.456", "client-secret", "code-1", new Uri("https://bot.example.com/slack/oauth/callback"));

        Assert.Equal(new SlackOAuthAccess(FakeSlackApi.InstalledBotToken, FakeSlackApi.TeamId, "Team One", FakeSlackApi.BotUserId, "A1", null, "UINSTALLER", "app_mentions:read,channels:history,chat:write,commands"), access);
        var call = Assert.Single(_h.Slack.CallsTo("oauth.v2.access"));
        Assert.Null(call.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("", call.QueryString);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["client_id"] = "123.456",
                ["client_secret"] = "client-secret",
                ["code"] = "code-1",
                ["redirect_uri"] = "https://bot.example.com/slack/oauth/callback",
            },
            call.Form);
    }

    [Fact]
    public async Task OAuthV2AccessAsync_WithoutRedirectUri_OmitsIt()
    {
        await _h.Api.OAuthV2AccessAsync("123.456", "client-secret", "code-1", redirectUri: null);

        Assert.False(Assert.Single(_h.Slack.CallsTo("oauth.v2.access")).Form!.ContainsKey("redirect_uri"));
    }

    [Fact]
    public async Task OAuthV2AccessAsync_EnterpriseInstall_ReturnsEnterpriseId()
    {
        _h.Slack.Enqueue("oauth.v2.access", context => FakeSlackApi.WriteJsonAsync(context, new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = "xoxb-e",
            ["token_type"] = "bot",
            ["scope"] = "chat:write",
            ["bot_user_id"] = "UB",
            ["app_id"] = "A1",
            ["team"] = new JsonObject { ["id"] = "T9", ["name"] = "Nine" },
            ["enterprise"] = new JsonObject { ["id"] = "E1", ["name"] = "Grid" },
            ["authed_user"] = new JsonObject { ["id"] = "U1" },
        }));

        var access = await _h.Api.OAuthV2AccessAsync("123.456", "client-secret", "code-1", redirectUri: null);

        Assert.Equal("E1", access.EnterpriseId);
        Assert.Equal("T9", access.TeamId);
    }

    [Fact]
    public async Task OAuthV2AccessAsync_BadCode_ThrowsInvalidCode()
    {
        _h.Slack.FailNext("oauth.v2.access", "invalid_code");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => _h.Api.OAuthV2AccessAsync("123.456", "client-secret", "stale", redirectUri: null));

        Assert.Equal("invalid_code", e.Error);
        Assert.False(e.IsTransient);
        Assert.DoesNotContain("client-secret", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenConnectionAsync_Always_SendsAppTokenAndReturnsSocketUrl()
    {
        _h.Slack.SocketUrl = new Uri("ws://127.0.0.1:6553/socket?ticket=abc");

        var url = await _h.Api.OpenConnectionAsync("xapp-1-A1-secret");

        Assert.Equal(new Uri("ws://127.0.0.1:6553/socket?ticket=abc"), url);
        var call = Assert.Single(_h.Slack.CallsTo("apps.connections.open"));
        Assert.Equal("Bearer xapp-1-A1-secret", call.Authorization);
        Assert.Equal("", call.QueryString);
    }

    [Fact]
    public async Task OpenConnectionAsync_UrlNotWebSocket_ThrowsInvalidResponse()
    {
        _h.Slack.Enqueue("apps.connections.open", context => FakeSlackApi.WriteJsonAsync(context, new JsonObject { ["ok"] = true, ["url"] = "https://example.com/" }));

        var e = await Assert.ThrowsAsync<SlackApiException>(() => _h.Api.OpenConnectionAsync("xapp-1-A1-secret"));

        Assert.Equal("invalid_response", e.Error);
    }

    public static TheoryData<string> EveryMethod => new()
    {
        "chat.postMessage", "chat.postEphemeral", "chat.update", "reactions.add", "views.open", "views.update", "auth.test", "oauth.v2.access", "apps.connections.open",
    };

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public async Task EveryMethod_OkFalseOnHttp200_ThrowsSlackApiExceptionWithMethodAndError(string method)
    {
        _h.Slack.FailNext(method, "channel_not_found");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Call(method));

        Assert.Equal(method, e.Method);
        Assert.Equal("channel_not_found", e.Error);
        Assert.False(e.IsTransient);
    }

    [Theory]
    [InlineData("chat.postMessage", "this is not json")]
    [InlineData("chat.postMessage", "")]
    [InlineData("chat.postMessage", "[1,2]")]
    [InlineData("chat.postMessage", "{\"channel\":\"C1\"}")]
    [InlineData("chat.postMessage", "{\"ok\":\"yes\"}")]
    [InlineData("chat.postMessage", "{\"ok\":true}")]
    [InlineData("views.open", "{\"ok\":true}")]
    [InlineData("auth.test", "{\"ok\":true,\"team_id\":\"T1\"")]
    [InlineData("oauth.v2.access", "{\"ok\":true,\"access_token\":\"xoxb-1\"}")]
    public async Task EveryMethod_MalformedAnswer_ThrowsInvalidResponse(string method, string body)
    {
        _h.Slack.RespondNext(method, 200, body);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Call(method));

        Assert.Equal("invalid_response", e.Error);
        Assert.Equal(method, e.Method);
    }

    [Fact]
    public async Task PostMessageAsync_Http404WithoutJson_ThrowsNonTransientHttpError()
    {
        _h.Slack.RespondNext("chat.postMessage", 404, "Not Found", "text/plain");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Call("chat.postMessage"));

        Assert.Equal("http_error", e.Error);
    }

    [Fact]
    public async Task PostToResponseUrlAsync_LocalHook_PostsJsonPayloadWithoutAuthorization()
    {
        var payload = new JsonObject { ["response_type"] = "ephemeral", ["text"] = "Counter noted", ["replace_original"] = false };

        await _h.Api.PostToResponseUrlAsync(_h.Slack.ResponseUrl("abc"), payload);

        var call = Assert.Single(_h.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod));
        Assert.Equal("/hooks/abc", call.Path);
        Assert.Null(call.Authorization);
        Assert.Equal(JsonContentType, call.ContentType);
        Assert.Equal("ephemeral", call.JsonString("response_type"));
        Assert.Equal("Counter noted", call.JsonString("text"));
        Assert.False(call.Json!.Value.GetProperty("replace_original").GetBoolean());
    }

    [Theory]
    [InlineData(404, "expired_url", "text/plain", "expired_url")]
    [InlineData(404, "{\"ok\":false,\"error\":\"used_url\"}", "application/json", "used_url")]
    [InlineData(200, "{\"ok\":false,\"error\":\"invalid_blocks\"}", "application/json", "invalid_blocks")]
    public async Task PostToResponseUrlAsync_SlackRefuses_ThrowsItsError(int status, string body, string contentType, string error)
    {
        _h.Slack.RespondNext(FakeSlackApi.ResponseUrlMethod, status, body, contentType);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => _h.Api.PostToResponseUrlAsync(_h.Slack.ResponseUrl("abc"), new JsonObject { ["text"] = "x" }));

        Assert.Equal(error, e.Error);
        Assert.Equal(SlackWebApiClient.ResponseUrlMethod, e.Method);
    }

    [Fact]
    public async Task PostToResponseUrlAsync_PlainOk_Succeeds()
    {
        _h.Slack.RespondNext(FakeSlackApi.ResponseUrlMethod, 200, "ok", "text/plain");

        await _h.Api.PostToResponseUrlAsync(_h.Slack.ResponseUrl("abc"), new JsonObject { ["text"] = "x" });

        Assert.Single(_h.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod));
    }

    [Theory]
    [InlineData("https://evil.example.com/hooks/abc")]
    [InlineData("https://hooks.slack.com.evil.example.com/commands/T1/1/x")]
    [InlineData("https://hooks.slack.com@evil.example.com/commands/T1/1/x")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://hooks.slack.com/commands/T1/1/x")]
    [InlineData("https://hooks.slack.com:8443/commands/T1/1/x")]
    [InlineData("http://localhost/hooks/abc")]
    public async Task PostToResponseUrlAsync_HostNotSlack_ThrowsArgumentExceptionWithoutSending(string url)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Api.PostToResponseUrlAsync(new Uri(url), new JsonObject { ["text"] = "x" }));

        Assert.Empty(_h.Slack.Calls);
    }

    [Fact]
    public async Task PostToResponseUrlAsync_ApiHostOnAnotherPort_ThrowsArgumentException()
    {
        var otherPort = new UriBuilder(_h.Slack.ResponseUrl("abc")) { Port = _h.Slack.BaseUrl.Port == 1 ? 2 : 1 }.Uri;

        await Assert.ThrowsAsync<ArgumentException>(() => _h.Api.PostToResponseUrlAsync(otherPort, new JsonObject { ["text"] = "x" }));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T1/397700885554/96rGlfmibIGlgcZRskXaIFfN", "https://slack.com/api/", true)]
    [InlineData("https://HOOKS.SLACK.COM/actions/T1/1/x", "https://slack.com/api/", true)]
    [InlineData("https://slack.com/other", "https://slack.com/api/", true)]
    [InlineData("http://slack.com/other", "https://slack.com/api/", false)]
    [InlineData("https://api.slack.com/x", "https://slack.com/api/", false)]
    [InlineData("https://hooks.slack.com.evil.example.com/x", "https://slack.com/api/", false)]
    public void IsAllowedResponseUrl_Host_AllowsOnlySlackHooksOrApiHost(string url, string apiBase, bool allowed)
    {
        Assert.Equal(allowed, SlackWebApiClient.IsAllowedResponseUrl(new Uri(url), new Uri(apiBase)));
    }

    private Task Call(string method) => _h.CallAsync(method);
}
