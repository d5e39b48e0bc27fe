using System.Net;
using System.Text.Json;
using Negotiation.Bot.Tests.Slack;

namespace Negotiation.Bot.Tests.Observability;

/// <summary><c>/readyz</c> with Slack configured: the bot token is checked with auth.test on the local fake Slack, and the answer is reused.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_ValidBotToken_IsReadyAndAsksSlackOnceForSeveralProbes()
    {
        await using var slack = await SlackHarness.StartAsync();

        var first = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var second = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var json = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("ok", json.RootElement.GetProperty("credentials").GetProperty("slack").GetString(), StringComparison.Ordinal);
        var call = Assert.Single(slack.Slack.CallsTo("auth.test"));
        Assert.Equal("Bearer " + SlackHarness.BotToken, call.Authorization);
    }

    [Fact]
    public async Task Readyz_RevokedBotToken_IsUnavailableNamingTheSetting()
    {
        await using var slack = await SlackHarness.StartAsync();
        slack.Slack.FailNext("auth.test", "invalid_auth");

        var response = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Slack:BotToken", body, StringComparison.Ordinal);
        Assert.Contains("invalid_auth", body, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackHarness.BotToken, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_SlackDown_StaysReadyButUnverified()
    {
        await using var slack = await SlackHarness.StartAsync();
        slack.Slack.ServerErrorNext("auth.test");

        var response = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("unverified", json.RootElement.GetProperty("credentials").GetProperty("slack").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_OAuthInstall_ChecksNoSingleToken()
    {
        await using var slack = await SlackHarness.StartAsync("--Slack:ClientId=1.2", "--Slack:ClientSecret=s", "--Slack:OAuthRedirectUrl=https://bot.example.com/slack/oauth/callback");

        var response = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(slack.Slack.CallsTo("auth.test"));
    }
}
