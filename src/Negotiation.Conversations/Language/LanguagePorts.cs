using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Language;

/// <summary>What a deal-channel message is, as far as coaching is concerned.</summary>
public enum MessageLabel
{
    /// <summary>Chatter, logistics, their asks, negated gives: nothing to coach.</summary>
    Other,

    /// <summary>Our side conceded (or is conceding) something of value, unconditionally.</summary>
    Give,

    /// <summary>The other side gave us something.</summary>
    Get,

    /// <summary>Our give explicitly tied to their get.</summary>
    Trade,

    /// <summary>Our side considering a give, not yet made.</summary>
    Proposal,
}

/// <summary>What the interpreter understood of one message.</summary>
/// <param name="Label">The message's label.</param>
/// <param name="Confidence">0..1: how sure the interpreter is of <paramref name="Label"/>.</param>
/// <param name="Term">The term the message is about.</param>
/// <param name="Amounts">Amounts in the order they appear.</param>
/// <param name="AmountIsLevel">True when the give's amount is a position moved to ("down to $92k"), not a size ("$8k off").</param>
/// <param name="Labelled">True when our side labelled the give as a meaningful move.</param>
/// <param name="GiveText">X: our give, in words that fit "If we {X}", when present.</param>
/// <param name="GetText">Y: their get, in words that fit "could you {Y}", when present.</param>
public sealed record Interpretation(
    MessageLabel Label,
    double Confidence,
    Term Term,
    IReadOnlyList<Amount> Amounts,
    bool AmountIsLevel = false,
    bool Labelled = false,
    string? GiveText = null,
    string? GetText = null)
{
    public static Interpretation Nothing { get; } = new(MessageLabel.Other, 1.0, Term.Other, []);
}

/// <summary>What the interpreter may know about the deal around a message.</summary>
/// <param name="Today">The day relative dates ("by Friday") are read from.</param>
/// <param name="Type">The deal's negotiation type, when there is a deal.</param>
/// <param name="Counterparty">The other side's name ("Northwind Health"): said as a subject, it means "they".</param>
public sealed record InterpretationContext(DateOnly Today, NegotiationType? Type = null, string? Counterparty = null);

/// <summary>Understands a deal-channel message: label, confidence, term, amounts, and the X / Y spans.</summary>
public interface IMessageInterpreter
{
    ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default);
}

/// <summary>A give to rewrite as a trade, and what to ask for in return (best first).</summary>
/// <param name="Give">The give as logged, e.g. "we'd throw in onboarding for free".</param>
/// <param name="Get">Their get when the text names one, else null.</param>
/// <param name="Asks">Wanted gets to ask for when <paramref name="Get"/> is null: one, or two for a bundle.</param>
public sealed record RephraseRequest(string Give, string? Get, IReadOnlyList<string> Asks);

/// <summary>The "If we X, could you Y?" sentence, or the reason it could not be written well.</summary>
public sealed record Rephrasing(string? Sentence, string? RefusalReason)
{
    public bool Succeeded => Sentence is not null;

    /// <summary>X: our give as it reads after "If we", when the sentence was written.</summary>
    public string? Give { get; init; }

    /// <summary>Y: what we ask for, as it reads after "could you", when the sentence was written.</summary>
    public string? Ask { get; init; }

    public static Rephrasing Of(string sentence) => new(sentence, null);

    public static Rephrasing Of(string give, string ask) => new($"If we {give}, could you {ask}?", null) { Give = give, Ask = ask };

    public static Rephrasing Refused(string reason) => new(null, reason);
}

/// <summary>Rewrites a give as a conditional trade: "If we {X}, could you {Y}?".</summary>
public interface IRephraser
{
    ValueTask<Rephrasing> RephraseAsync(RephraseRequest request, CancellationToken cancellationToken = default);
}
