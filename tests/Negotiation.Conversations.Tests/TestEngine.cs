using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Pipeline;
using Negotiation.Domain.Deals;
using Negotiation.Language.Rephrasing;
using Negotiation.Language.Rules;

namespace Negotiation.Conversations.Tests;

/// <summary>The real engine (pipeline, handlers, embedded language engine) on in-memory stores, driven like a channel.</summary>
internal sealed class TestEngine
{
    public static readonly ChannelKey DealChannel = new("slack", "T1", "C-deal");

    private int _next;

    public TestEngine(IMessageInterpreter? interpreter = null, ConversationOptions? options = null, Ports.IDealLinks? links = null)
    {
        Options = options ?? new ConversationOptions();
        interpreter ??= new RuleBasedInterpreter();
        var coaching = new CoachingReplies(new TemplateRephraser(), Time);
        Pipeline = new ConversationPipeline(
            [new ScopeMiddleware(Options), new IgnoreSelfAndBotsMiddleware(), new IgnoreEditsMiddleware(), new DedupeMiddleware(Processed, Time)],
            new DealCommandHandler(Deals, interpreter, coaching, Time, links),
            new ChatMessageHandler(Deals, interpreter, coaching, Time, Options),
            Outbox,
            NullLogger<ConversationPipeline>.Instance);
    }

    // Thursday 26 November 2026, 09:00 UTC.
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public ConversationOptions Options { get; }

    public InMemoryDealStore Deals { get; } = new();

    public InMemoryProcessedEventStore Processed { get; } = new();

    public InMemoryOutbox Outbox { get; } = new();

    public ConversationPipeline Pipeline { get; }

    public InboundCommand Command(string text, string user = "dana", ChannelKey? channel = null, string? threadId = null) =>
        new(NextId("cmd"), channel ?? DealChannel, NextId("ts"), threadId, new UserRef("U-" + user, user), Time.GetUtcNow(), text);

    public InboundMessage Message(string text, string user = "dana", ChannelKey? channel = null, string? threadId = null) =>
        new(NextId("evt"), channel ?? DealChannel, NextId("ts"), threadId, new UserRef("U-" + user, user), Time.GetUtcNow(), text);

    public Task<OutboundMessage?> SendAsync(InboundActivity activity) => Pipeline.ProcessAsync(activity);

    public Task<OutboundMessage?> CommandAsync(string text, ChannelKey? channel = null) => SendAsync(Command(text, channel: channel));

    public Task<OutboundMessage?> SayAsync(string text, ChannelKey? channel = null) => SendAsync(Message(text, channel: channel));

    public async Task<Deal> DealAsync(ChannelKey? channel = null) =>
        await Deals.FindLatestAsync(channel ?? DealChannel) ?? throw new InvalidOperationException("No deal.");

    /// <summary>Starts a deal in the Propose phase with a plan and two wanted gets.</summary>
    public async Task StartProposingAsync(string type = "bargaining")
    {
        await CommandAsync($"start Acme renewal {type}");
        await CommandAsync("plan price opening $120k target $105k walkaway $95k");
        await CommandAsync("plan want two-year term value $40k");
        await CommandAsync("plan want case study value $5k");
        await CommandAsync("phase propose");
    }

    private string NextId(string prefix) => $"{prefix}-{++_next}";
}
