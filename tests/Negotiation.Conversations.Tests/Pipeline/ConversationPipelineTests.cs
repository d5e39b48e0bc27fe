using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;

namespace Negotiation.Conversations.Tests.Pipeline;

public class ConversationPipelineTests
{
    [Fact]
    public async Task ProcessAsync_FromSelf_IsIgnored()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();

        Assert.Null(await engine.SendAsync(engine.Message("we gave them net-60 payment terms") with { IsFromSelf = true }));
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task ProcessAsync_FromAnotherBot_IsIgnored()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var message = engine.Message("we gave them net-60 payment terms");

        Assert.Null(await engine.SendAsync(message with { User = message.User with { IsBot = true } }));
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task ProcessAsync_Edit_IsIgnored()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();

        Assert.Null(await engine.SendAsync(engine.Message("we gave them net-60 payment terms") with { IsEdit = true }));
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task ProcessAsync_SameEventTwice_RepliesOnceAndRecordsOnce()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var message = engine.Message("we gave them net-60 payment terms");

        var first = await engine.SendAsync(message);
        var retry = await engine.SendAsync(message);

        Assert.NotNull(first);
        Assert.Null(retry);
        Assert.Single((await engine.DealAsync()).Moves);
        Assert.Equal(6, (await engine.Outbox.ClaimAsync(100)).Count);
    }

    [Fact]
    public async Task ProcessAsync_SameEventIdInAnotherWorkspace_IsNotADuplicate()
    {
        var engine = new TestEngine();
        var here = engine.Command("help");
        var elsewhere = here with { Channel = new Domain.Deals.ChannelKey("slack", "T2", "C-deal") };

        Assert.NotNull(await engine.SendAsync(here));
        Assert.NotNull(await engine.SendAsync(elsewhere));
    }

    [Fact]
    public async Task ProcessAsync_WorkspaceNotAllowed_IsIgnored()
    {
        var options = new ConversationOptions();
        options.AllowedWorkspaces.Add("T-only");
        var engine = new TestEngine(options: options);

        Assert.Null(await engine.CommandAsync("start Acme renewal"));
        Assert.Null(await engine.Deals.FindLatestAsync(TestEngine.DealChannel));
    }

    [Fact]
    public async Task ProcessAsync_MissingChannel_IsIgnored()
    {
        var engine = new TestEngine();
        Assert.Null(await engine.CommandAsync("start Acme renewal", TestEngine.DealChannel with { Channel = "" }));
    }

    [Fact]
    public async Task ProcessAsync_Reply_IsQueuedInTheOutboxAddressedToTheAuthor()
    {
        var engine = new TestEngine();
        var command = engine.Command("help", user: "sam");
        var reply = await engine.SendAsync(command);

        var queued = Assert.Single(await engine.Outbox.ClaimAsync(10));
        Assert.Same(reply, queued.Message);
        Assert.Equal(command.EventId, queued.Message.InReplyToEventId);
        Assert.Equal("U-sam", queued.Message.RecipientUserId);
    }

    [Fact]
    public async Task ProcessAsync_HandlerThrows_TellsTheUserWithTheEventIdAndQueuesOneErrorReply()
    {
        var engine = new TestEngine(new ThrowingInterpreter());
        await engine.StartProposingAsync();
        var message = engine.Message("we gave them net-60 payment terms");
        var reply = await engine.SendAsync(message);

        var part = Assert.Single(reply!.Parts);
        Assert.Equal(ReplyKind.Error, part.Kind);
        Assert.Contains(message.EventId, part.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", part.Text, StringComparison.Ordinal);
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    /// <summary>An interpreter whose backend is down.</summary>
    private sealed class ThrowingInterpreter : IMessageInterpreter
    {
        public ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("backend unavailable");
    }
}
