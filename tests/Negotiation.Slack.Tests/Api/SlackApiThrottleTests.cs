using Negotiation.Slack.Api;

namespace Negotiation.Slack.Tests.Api;

/// <summary>Remembered 429s per (method, workspace) and the per-channel pace, through the registered client on a fake clock.</summary>
public sealed class SlackApiThrottleTests : IAsyncLifetime
{
    private SlackApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackApiHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task PostMessageAsync_Http429_ThrowsRateLimitedWithRetryAfter()
    {
        _h.Slack.RateLimitNext("chat.postMessage", 30);

        var e = await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("chat.postMessage"));

        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Equal("chat.postMessage", e.Method);
        Assert.Equal("ratelimited", e.Error);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task AuthTestAsync_WhileRateLimited_ThrowsRemainingTimeWithoutCallingSlack()
    {
        _h.Slack.RateLimitNext("auth.test", 30);
        await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("auth.test"));
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        var e = await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("auth.test"));

        Assert.Equal(TimeSpan.FromSeconds(20), e.RetryAfter);
        Assert.Single(_h.Slack.CallsTo("auth.test"));
    }

    [Fact]
    public async Task AuthTestAsync_AfterRetryAfterHasPassed_CallsSlackAgain()
    {
        _h.Slack.RateLimitNext("auth.test", 30);
        await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("auth.test"));
        _h.Time.Advance(TimeSpan.FromSeconds(30));

        await _h.CallAsync("auth.test");

        Assert.Equal(2, _h.Slack.CallsTo("auth.test").Count);
    }

    [Fact]
    public async Task PostMessageAsync_WhileRateLimited_DoesNotTakeAChannelSlot()
    {
        _h.Slack.RateLimitNext("chat.postMessage", 1);
        await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("chat.postMessage"));
        _h.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("chat.postMessage"));
        _h.Time.Advance(TimeSpan.FromMilliseconds(500));

        // Had the refused call reserved the next slot, this post would wait on the fake clock and never finish.
        await _h.CallAsync("chat.postMessage").WaitAsync(SlackApiHarness.Patience);

        Assert.Equal(2, _h.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task RateLimitedMethod_OtherMethodSameWorkspace_StillCallsSlack()
    {
        _h.Slack.RateLimitNext("chat.postMessage", 30);
        await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("chat.postMessage"));

        await _h.CallAsync("reactions.add");

        Assert.Single(_h.Slack.CallsTo("reactions.add"));
    }

    [Fact]
    public async Task RateLimitedMethod_SameMethodOtherWorkspace_StillCallsSlack()
    {
        _h.Slack.RateLimitNext("chat.update", 30);
        await Assert.ThrowsAsync<SlackRateLimitedException>(() => _h.CallAsync("chat.update"));

        await _h.CallAsync("chat.update", SlackApiHarness.OtherToken);

        var calls = _h.Slack.CallsTo("chat.update");
        Assert.Equal(2, calls.Count);
        Assert.Equal("Bearer " + SlackApiHarness.OtherToken, calls[1].Authorization);
    }

    [Fact]
    public async Task PostMessageAsync_SecondPostToSameChannelWithinOneSecond_WaitsForTheRemainder()
    {
        var start = _h.Time.GetUtcNow();
        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "one")).WaitAsync(SlackApiHarness.Patience);
        _h.Time.Advance(TimeSpan.FromMilliseconds(400));

        var second = _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "two"));
        _h.Time.Advance(TimeSpan.FromMilliseconds(599));
        Assert.False(second.IsCompleted);
        _h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(SlackApiHarness.Patience);

        var calls = _h.Slack.CallsTo("chat.postMessage");
        Assert.Equal([start, start + TimeSpan.FromSeconds(1)], calls.Select(c => c.ReceivedAt));
    }

    [Fact]
    public async Task PostMessageAsync_DifferentChannels_DoNotWait()
    {
        var start = _h.Time.GetUtcNow();

        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "one")).WaitAsync(SlackApiHarness.Patience);
        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C2", "two")).WaitAsync(SlackApiHarness.Patience);
        await _h.Api.PostMessageAsync(SlackApiHarness.OtherToken, new SlackMessage("C1", "other workspace")).WaitAsync(SlackApiHarness.Patience);

        Assert.All(_h.Slack.CallsTo("chat.postMessage"), c => Assert.Equal(start, c.ReceivedAt));
    }

    [Fact]
    public async Task PostMessageAsync_AfterOneSecond_DoesNotWait()
    {
        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "one")).WaitAsync(SlackApiHarness.Patience);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        var now = _h.Time.GetUtcNow();

        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "two")).WaitAsync(SlackApiHarness.Patience);

        Assert.Equal(now, _h.Slack.CallsTo("chat.postMessage")[1].ReceivedAt);
    }

    [Fact]
    public async Task PostMessageAsync_ThreePostsAtOnceToOneChannel_GoOneSecondApartInOrder()
    {
        var start = _h.Time.GetUtcNow();

        var posts = new[] { "one", "two", "three" }.Select(text => _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", text))).ToList();
        await posts[0].WaitAsync(SlackApiHarness.Patience);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        await posts[1].WaitAsync(SlackApiHarness.Patience);
        Assert.False(posts[2].IsCompleted);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        await posts[2].WaitAsync(SlackApiHarness.Patience);

        var calls = _h.Slack.CallsTo("chat.postMessage");
        Assert.Equal(["one", "two", "three"], calls.Select(c => c.JsonString("text")));
        Assert.Equal([start, start.AddSeconds(1), start.AddSeconds(2)], calls.Select(c => c.ReceivedAt));
    }

    [Fact]
    public async Task PostMessageAsync_CancelledWhilePacing_ThrowsWithoutCallingSlack()
    {
        await _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "one")).WaitAsync(SlackApiHarness.Patience);
        using var cancel = new CancellationTokenSource();

        var second = _h.Api.PostMessageAsync(SlackApiHarness.Token, new SlackMessage("C1", "two"), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(SlackApiHarness.Patience));
        Assert.Single(_h.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public void Workspace_Token_IsStableAndDoesNotContainTheToken()
    {
        var label = SlackApiThrottle.Workspace(SlackApiHarness.Token);

        Assert.Equal(label, SlackApiThrottle.Workspace(SlackApiHarness.Token));
        Assert.NotEqual(label, SlackApiThrottle.Workspace(SlackApiHarness.OtherToken));
        Assert.DoesNotContain("SECRET", label, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^ws-[0-9a-f]{12}$", label);
    }
}
