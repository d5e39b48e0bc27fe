using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;

namespace Negotiation.Conversations.Tests.Handlers;

public class ChatMessageHandlerTests
{
    [Fact]
    public async Task Give_InChat_RecordsItAndPromptsInTheMessageThreadWithButtons()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var message = engine.Message("we gave them net-60 payment terms");
        var reply = await engine.SendAsync(message);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKind.ReciprocityPrompt, reply.Parts[0].Kind);
        Assert.Equal(message.MessageId, reply.ThreadId);
        Assert.Equal(
            [CoachingReplies.LogGetAction, CoachingReplies.NotAGiveAction, CoachingReplies.QuietAction],
            reply.Parts[0].Buttons.Select(b => b.ActionId));
        var give = Assert.Single((await engine.DealAsync()).Moves);
        Assert.True(give.IsGive);
        Assert.Equal(message.MessageId, give.SourceMessageId);
    }

    [Fact]
    public async Task Give_InAThread_RepliesInThatThread()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.SendAsync(engine.Message("we gave them net-60 payment terms", threadId: "thread-7"));

        Assert.Equal("thread-7", reply!.ThreadId);
    }

    [Fact]
    public async Task Get_InChat_LogsTradeForTheOpenGive()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.SayAsync("we gave them net-60 payment terms");
        var reply = await engine.SayAsync("they agreed to a two-year term");

        Assert.Equal("trade_logged", Assert.Single(reply!.Parts).WireKind);
        Assert.Single((await engine.DealAsync()).Trades);
    }

    [Fact]
    public async Task Proposal_InChat_AnswersOnlyTheAuthorAndRecordsNothing()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.SayAsync("should we offer them 5% off?");

        Assert.Equal(Visibility.Ephemeral, reply!.Visibility);
        Assert.Equal(ReplyKind.Rephrase, Assert.Single(reply.Parts).Kind);
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Theory]
    [InlineData("lunch at 12?")]
    [InlineData("they want 10% off")]
    [InlineData("we did NOT agree to 10%")]
    [InlineData("thanks all, great call today")]
    public async Task Chatter_StaysSilentAndRecordsNothing(string text)
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.SayAsync(text);

        Assert.Null(reply);
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task Give_WithoutDealInChannel_StaysSilent()
    {
        var engine = new TestEngine();
        Assert.Null(await engine.SayAsync("we gave them net-60 payment terms"));
    }

    [Fact]
    public async Task Give_WhenQuiet_RecordsButStaysSilent()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("quiet on");
        var reply = await engine.SayAsync("we gave them net-60 payment terms");

        Assert.Null(reply);
        Assert.Single((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task Give_BelowConfidenceThreshold_StaysSilent()
    {
        var options = new ConversationOptions { MinConfidence = 1.01 };
        var engine = new TestEngine(options: options);
        await engine.StartProposingAsync();

        Assert.Null(await engine.SayAsync("we gave them net-60 payment terms"));
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task Message_OverMaxLength_IsNotInterpreted()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();

        Assert.Null(await engine.SayAsync("we gave them net-60 " + new string('x', engine.Options.MaxMessageLength)));
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task Give_InAnotherChannel_DoesNotTouchThisChannelsDeal()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var other = TestEngine.DealChannel with { Channel = "C-other" };
        await engine.SayAsync("we gave them net-60 payment terms", other);

        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task Interpretation_IsGivenTheDealType()
    {
        var spy = new RecordingInterpreter();
        var engine = new TestEngine(spy);
        await engine.CommandAsync("start Acme renewal partnering");
        await engine.SayAsync("anything at all");

        Assert.Equal(Domain.Deals.NegotiationType.Partnering, Assert.Single(spy.Contexts).Type);
    }

    /// <summary>Says every message is chatter and remembers the context it was given.</summary>
    private sealed class RecordingInterpreter : IMessageInterpreter
    {
        public List<InterpretationContext> Contexts { get; } = [];

        public ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default)
        {
            Contexts.Add(context);
            return ValueTask.FromResult(Interpretation.Nothing);
        }
    }
}
