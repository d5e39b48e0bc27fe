using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Slack.Api;
using Negotiation.Testing;

namespace Negotiation.Slack.Tests.Api;

/// <summary>The typed client as registered: base address, timeouts, what is (not) retried, and what never leaks.</summary>
public sealed class SlackWebApiRegistrationTests
{
    [Fact]
    public async Task AddSlackWebApi_BaseUrlWithoutTrailingSlash_CallsMethodsUnderIt()
    {
        await using var h = await SlackApiHarness.StartAsync(apiBaseUrl: slack => new Uri(slack.BaseUrl.AbsoluteUri.TrimEnd('/')));

        await h.Api.AuthTestAsync(SlackApiHarness.Token);

        Assert.Equal("/api/auth.test", Assert.Single(h.Slack.Calls).Path);
    }

    [Fact]
    public void AddSlackWebApi_TotalTimeoutShorterThanAttempt_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddSlackWebApi(new SlackOptions(), o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.TotalTimeout = TimeSpan.FromSeconds(5);
        }));
    }

    [Theory]
    [InlineData("chat.postMessage")]
    [InlineData("auth.test")]
    public async Task EveryMethod_Http500_ThrowsTransientHttpErrorAfterOneAttempt(string method)
    {
        await using var h = await SlackApiHarness.StartAsync();
        h.Slack.ServerErrorNext(method);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => h.CallAsync(method));

        Assert.Equal("http_error", e.Error);
        Assert.True(e.IsTransient);
        Assert.Single(h.Slack.CallsTo(method));
    }

    [Fact]
    public async Task PostMessageAsync_SlackHangs_ThrowsTransientTimeoutAfterAttemptTimeoutWithoutRetrying()
    {
        await using var h = await SlackApiHarness.StartAsync(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(6);
        });
        h.Slack.HangNext("chat.postMessage");

        var post = h.CallAsync("chat.postMessage");
        await h.Slack.WaitForCallsAsync("chat.postMessage", 1, SlackApiHarness.Patience);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<SlackApiException>(() => post.WaitAsync(SlackApiHarness.Patience));

        Assert.Equal("timeout", e.Error);
        Assert.True(e.IsTransient);
        Assert.Single(h.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AuthTestAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        await using var h = await SlackApiHarness.StartAsync();
        h.Slack.HangNext("auth.test");
        using var cancel = new CancellationTokenSource();

        var call = h.Api.AuthTestAsync(SlackApiHarness.Token, cancel.Token);
        await h.Slack.WaitForCallsAsync("auth.test", 1, SlackApiHarness.Patience);
        await cancel.CancelAsync();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(SlackApiHarness.Patience));
        Assert.IsNotType<SlackApiException>(e.InnerException);
    }

    [Fact]
    public async Task AuthTestAsync_NothingListening_ThrowsTransientHttpError()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/api/");
        await using var h = await SlackApiHarness.StartAsync(o => o.ConnectionRetryDelay = TimeSpan.Zero, apiBaseUrl: _ => closed);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => h.Api.AuthTestAsync(SlackApiHarness.Token));

        Assert.Equal("http_error", e.Error);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public void NeverSent_FailureKind_RetriesOnlyWhenTheRequestCouldNotHaveLeft()
    {
        Assert.True(SlackWebApiRegistration.NeverSent(new HttpRequestException(HttpRequestError.ConnectionError)));
        Assert.True(SlackWebApiRegistration.NeverSent(new HttpRequestException(HttpRequestError.NameResolutionError)));
        Assert.False(SlackWebApiRegistration.NeverSent(new HttpRequestException(HttpRequestError.ResponseEnded)));
        Assert.False(SlackWebApiRegistration.NeverSent(new HttpRequestException(HttpRequestError.Unknown)));
        Assert.False(SlackWebApiRegistration.NeverSent(new TimeoutException()));
        Assert.False(SlackWebApiRegistration.NeverSent(null));
    }

    public static TheoryData<string> Failures => new() { "ok_false", "rate_limited", "still_rate_limited", "server_error", "invalid_response", "timeout" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task PostMessageAsync_Failure_TokenNeverInExceptionOrLogs(string failure)
    {
        await using var h = await SlackApiHarness.StartAsync(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
        });
        const string method = "chat.postMessage";
        switch (failure)
        {
            case "ok_false": h.Slack.FailNext(method, "not_in_channel"); break;
            case "rate_limited": h.Slack.RateLimitNext(method, 30); break;
            case "still_rate_limited":
                h.Slack.RateLimitNext(method, 30);
                await Assert.ThrowsAsync<SlackRateLimitedException>(() => h.CallAsync(method));
                break;
            case "server_error": h.Slack.ServerErrorNext(method); break;
            case "invalid_response": h.Slack.RespondNext(method, 200, "<html>oops</html>", "text/html"); break;
            case "timeout": h.Slack.HangNext(method); break;
        }

        var post = h.CallAsync(method);
        if (failure == "timeout")
        {
            await h.Slack.WaitForCallsAsync(method, 1, SlackApiHarness.Patience);
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var e = await Assert.ThrowsAnyAsync<SlackApiException>(() => post.WaitAsync(SlackApiHarness.Patience));

        Assert.DoesNotContain("SECRET", e.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(h.Logs.Lines);
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains("SECRET", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PostToResponseUrlAsync_Http429_ThrowsRateLimitedWithRetryAfter()
    {
        await using var h = await SlackApiHarness.StartAsync();
        h.Slack.RateLimitNext(FakeSlackApi.ResponseUrlMethod, 7);

        var e = await Assert.ThrowsAsync<SlackRateLimitedException>(() => h.Api.PostToResponseUrlAsync(h.Slack.ResponseUrl("r1"), new JsonObject { ["text"] = "x" }));

        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
    }

    [Fact]
    public async Task PostToResponseUrlAsync_Failure_UrlNeverInLogs()
    {
        await using var h = await SlackApiHarness.StartAsync();
        h.Slack.RespondNext(FakeSlackApi.ResponseUrlMethod, 404, "expired_url", "text/plain");

        await Assert.ThrowsAsync<SlackApiException>(() => h.Api.PostToResponseUrlAsync(h.Slack.ResponseUrl("SECRET-hook-path"), new JsonObject { ["text"] = "x" }));

        Assert.Contains(h.Logs.Lines, line => line.Contains("expired_url", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains("SECRET", StringComparison.OrdinalIgnoreCase));
    }
}
