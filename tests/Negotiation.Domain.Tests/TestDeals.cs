using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Tests;

/// <summary>Builds deals and move drafts for tests at a fixed time, so every test reads only what it varies.</summary>
internal static class TestDeals
{
    public static readonly DateTimeOffset Now = new(2026, 3, 11, 9, 30, 0, TimeSpan.Zero);

    public static readonly ChannelKey Channel = new("slack", "T0001", "C0001");

    /// <summary>A deal in Propose by default, where a give is not too early.</summary>
    public static Deal Start(NegotiationType type = NegotiationType.Bargaining, Phase phase = Phase.Propose)
    {
        var deal = Deal.Start(Guid.Parse("6f1c1f8e-3c51-4c8e-9d55-2f3a6f0b9a11"), Channel, "1741685400.000100", "Acme renewal", type, "U-ana", Now);
        if (phase != Phase.Prepare)
        {
            deal.MoveTo(phase);
        }

        return deal;
    }

    public static MoveDraft Give(
        string description,
        Term term = Term.Other,
        Amount? amount = null,
        bool level = false,
        bool conditional = false,
        bool labelled = false) =>
        new(MoveKind.Give, term, description, amount, level, conditional, labelled, "U-ana", "msg-give");

    public static MoveDraft Get(string description, Term term = Term.Other, Amount? amount = null) =>
        new(MoveKind.Get, term, description, amount, Author: "U-ana", SourceMessageId: "msg-get");

    public static Move Record(this Deal deal, MoveDraft draft) =>
        draft.Kind == MoveKind.Give ? deal.RecordGive(draft, Now) : deal.RecordGet(draft, Now).Get;
}
