using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.WebUtilities;
using Negotiation.Bot.Tests.Hosting;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Slack;

/// <summary>OAuth v2 multi-workspace install, tokens encrypted at rest, and uninstall (protocols.md A6).</summary>
public sealed class SlackInstallTests : IAsyncLifetime
{
    private const string Thread = "1732612700.000100";
    private SlackHarness _slack = null!;

    public async Task InitializeAsync() =>
        _slack = await SlackHarness.StartAsync("--Slack:ClientId=111.222", "--Slack:ClientSecret=client-secret", "--Slack:OAuthRedirectUrl=https://coach.example.com/slack/oauth/callback");

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    /// <summary>A client that keeps cookies and doesn't follow redirects, like one person's browser tab.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = _slack.Host.Http.BaseAddress };

    [Fact]
    public async Task Install_RedirectsToSlackWithAState_CallbackStoresTheTokenEncrypted_RepliesUseIt()
    {
        using var browser = Browser();
        var state = await StartInstallAsync(browser);

        var callback = await browser.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var exchange = Assert.Single(_slack.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal("code-1", exchange.Form!["code"]);
        var stored = await RawInstallationsAsync();
        Assert.NotEqual("", stored);
        Assert.DoesNotContain(FakeSlackApi.InstalledBotToken, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSlackApi.InstalledBotToken, DatabaseFilesText(), StringComparison.Ordinal);

        await _slack.StartDealAsync();
        await _slack.EventAsync(SlackHarness.MessageEvent("Ev1", "we gave them net-60 payment terms", "1732612800.000200", Thread));
        await _slack.DrainedAsync();
        Assert.Equal("Bearer " + FakeSlackApi.InstalledBotToken, Assert.Single(_slack.PostsInThread(Thread)).Authorization);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other-browser")]
    [InlineData("denied")]
    public async Task Callback_WithoutTheStateThisBrowserWasGiven_IsRefused_AndNothingIsInstalled(string how)
    {
        using var browser = Browser();
        var state = await StartInstallAsync(browser);
        var query = how switch
        {
            "tampered" => $"code=code-1&state={Uri.EscapeDataString(state[..^4] + "AAAA")}",
            "denied" => "error=access_denied&state=" + Uri.EscapeDataString(state),
            _ => $"code=code-1&state={Uri.EscapeDataString(state)}",
        };
        var client = how == "other-browser" ? _slack.Host.Http : browser;

        var callback = await client.GetAsync(new Uri("/slack/oauth/callback?" + query, UriKind.Relative), HttpCompletionOption.ResponseContentRead);

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Empty(_slack.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal("", await RawInstallationsAsync());
    }

    [Theory]
    [InlineData("app_uninstalled")]
    [InlineData("tokens_revoked")]
    public async Task Uninstall_ForgetsTheToken_LaterRepliesAreParkedNotSentWithIt(string eventType)
    {
        using var browser = Browser();
        var state = await StartInstallAsync(browser);
        await browser.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative));
        await _slack.StartDealAsync();
        var postsBefore = _slack.Slack.CallsTo("chat.postMessage").Count;

        var gone = await _slack.EventAsync(SlackHarness.Envelope("Ev-gone", "T1", new System.Text.Json.Nodes.JsonObject { ["type"] = eventType }));
        await _slack.EventAsync(SlackHarness.MessageEvent("Ev2", "we gave them net-60 payment terms", "1732612800.000300", Thread));
        var ready = await _slack.DrainedAsync();

        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.Equal(postsBefore, _slack.Slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(1, ready.GetProperty("outbox").GetProperty("parked").GetInt32());
        Assert.Equal("", await RawInstallationsAsync());
    }

    private static async Task<string> StartInstallAsync(HttpClient browser)
    {
        var install = await browser.GetAsync(new Uri("/slack/install", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var location = install.Headers.Location!;
        Assert.Equal("https://slack.com/oauth/v2/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("111.222", query["client_id"]);
        Assert.Equal("https://coach.example.com/slack/oauth/callback", query["redirect_uri"]);
        Assert.Contains("chat:write", query["scope"].ToString(), StringComparison.Ordinal);
        return query["state"].ToString();
    }

    /// <summary>The database file and its write-ahead log, as bytes on disk read as text.</summary>
    private string DatabaseFilesText() => string.Concat(
        new[] { _slack.DatabaseFile, _slack.DatabaseFile + "-wal" }.Where(File.Exists).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            return reader.ReadToEnd();
        }));

    /// <summary>Every stored bot token column, as the database holds it.</summary>
    private async Task<string> RawInstallationsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_slack.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(bot_token, '|') FROM installations WHERE bot_token IS NOT NULL";
        return (await command.ExecuteScalarAsync()) as string ?? "";
    }
}
