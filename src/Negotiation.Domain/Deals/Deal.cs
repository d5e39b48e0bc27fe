using Negotiation.Domain.Align;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

namespace Negotiation.Domain.Deals;

/// <summary>A live negotiation in one channel: its plan, every give and get, the trades, and what was agreed.</summary>
public sealed class Deal
{
    private readonly List<TermPlan> _termPlans = [];
    private readonly List<string> _plannedMoves = [];
    private readonly List<WantedGet> _wantedGets = [];
    private readonly List<PossibleGive> _possibleGives = [];
    private readonly List<Move> _moves = [];
    private readonly List<Trade> _trades = [];
    private readonly List<Commitment> _finalTerms = [];
    private readonly List<Commitment> _nextSteps = [];
    private readonly List<LabelCorrection> _corrections = [];

    private Deal(Guid id, ChannelKey channel, string threadId, string name, NegotiationType type, string startedBy, DateTimeOffset startedAt)
    {
        Id = id;
        Channel = channel;
        ThreadId = threadId;
        Name = name;
        Type = type;
        StartedBy = startedBy;
        StartedAt = startedAt;
    }

    public Guid Id { get; }

    public ChannelKey Channel { get; }

    /// <summary>The thread the deal was started in: Align summaries go there.</summary>
    public string ThreadId { get; }

    public string Name { get; }

    public string? Counterparty { get; private set; }

    public NegotiationType Type { get; private set; }

    public Phase Phase { get; private set; } = Phase.Prepare;

    /// <summary>When true the bot records but doesn't speak up on chat messages in this channel.</summary>
    public bool Quiet { get; private set; }

    public string StartedBy { get; }

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsClosed => Phase == Phase.Closed;

    public IReadOnlyList<TermPlan> TermPlans => _termPlans;

    public IReadOnlyList<string> PlannedMoves => _plannedMoves;

    public IReadOnlyList<WantedGet> WantedGets => _wantedGets;

    public IReadOnlyList<PossibleGive> PossibleGives => _possibleGives;

    public IReadOnlyList<Move> Moves => _moves;

    public IReadOnlyList<Trade> Trades => _trades;

    public IReadOnlyList<Commitment> FinalTerms => _finalTerms;

    public IReadOnlyList<Commitment> NextSteps => _nextSteps;

    /// <summary>Gives people said were not gives: labelled examples for the language engine.</summary>
    public IReadOnlyList<LabelCorrection> Corrections => _corrections;

    /// <summary>Starts a deal in a channel, in the Prepare phase.</summary>
    public static Deal Start(Guid id, ChannelKey channel, string threadId, string name, NegotiationType type, string startedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Deal(id, channel, threadId, name.Trim(), type, startedBy, at);
    }

    /// <summary>All of the deal as plain data, for storage.</summary>
    public DealSnapshot ToSnapshot() => new(
        Id, Channel, ThreadId, Name, Counterparty, Type, Phase, Quiet, StartedBy, StartedAt, ClosedAt,
        [.. _termPlans], [.. _plannedMoves], [.. _wantedGets], [.. _possibleGives], [.. _moves], [.. _trades], [.. _finalTerms], [.. _nextSteps], [.. _corrections]);

    /// <summary>Rebuilds a deal from what <see cref="ToSnapshot"/> wrote, checking it is whole: moves numbered 1..n, trades naming real moves.</summary>
    public static Deal Restore(DealSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot.Name);
        for (var i = 0; i < snapshot.Moves.Count; i++)
        {
            if (snapshot.Moves[i].Number != i + 1)
            {
                throw new ArgumentException($"Move {i + 1} is numbered {snapshot.Moves[i].Number}.", nameof(snapshot));
            }
        }

        if (snapshot.Trades.SelectMany(t => t.GiveNumbers.Concat(t.GetNumbers)).Any(n => n < 1 || n > snapshot.Moves.Count))
        {
            throw new ArgumentException("A trade names a move the deal doesn't have.", nameof(snapshot));
        }

        var deal = new Deal(snapshot.Id, snapshot.Channel, snapshot.ThreadId, snapshot.Name, snapshot.Type, snapshot.StartedBy, snapshot.StartedAt)
        {
            Counterparty = snapshot.Counterparty,
            Phase = snapshot.Phase,
            Quiet = snapshot.Quiet,
            ClosedAt = snapshot.ClosedAt,
        };
        deal._termPlans.AddRange(snapshot.TermPlans);
        deal._plannedMoves.AddRange(snapshot.PlannedMoves);
        deal._wantedGets.AddRange(snapshot.WantedGets);
        deal._possibleGives.AddRange(snapshot.PossibleGives);
        deal._moves.AddRange(snapshot.Moves);
        deal._trades.AddRange(snapshot.Trades);
        deal._finalTerms.AddRange(snapshot.FinalTerms);
        deal._nextSteps.AddRange(snapshot.NextSteps);
        deal._corrections.AddRange(snapshot.Corrections ?? []);
        return deal;
    }

    public void ChangeType(NegotiationType type)
    {
        EnsureOpen();
        Type = type;
    }

    /// <summary>Moves to a phase; closing goes through <see cref="Close"/>.</summary>
    public void MoveTo(Phase phase)
    {
        EnsureOpen();
        if (phase == Phase.Closed)
        {
            throw new DealRuleException("Use close to close a deal.");
        }

        Phase = phase;
    }

    public void Close(DateTimeOffset at)
    {
        EnsureOpen();
        Phase = Phase.Closed;
        ClosedAt = at;
    }

    public void SetQuiet(bool quiet) => Quiet = quiet;

    public void NameCounterparty(string counterparty)
    {
        EnsureOpen();
        Counterparty = counterparty.Trim();
    }

    /// <summary>Sets (or replaces) the plan for one term, keeping values the new plan leaves out.</summary>
    public TermPlan PlanTerm(TermPlan plan)
    {
        EnsureOpen();
        var index = _termPlans.FindIndex(p => p.Term == plan.Term);
        if (index < 0)
        {
            _termPlans.Add(plan);
            return plan;
        }

        var old = _termPlans[index];
        var merged = new TermPlan(
            plan.Term,
            plan.Opening ?? old.Opening,
            plan.TargetLow ?? old.TargetLow,
            plan.TargetHigh ?? old.TargetHigh,
            plan.Walkaway ?? old.Walkaway);
        _termPlans[index] = merged;
        return merged;
    }

    public TermPlan? PlanFor(Term term) => _termPlans.Find(p => p.Term == term);

    public void PlanMove(string move)
    {
        EnsureOpen();
        _plannedMoves.Add(move.Trim());
    }

    public void WantGet(WantedGet get)
    {
        EnsureOpen();
        _wantedGets.RemoveAll(g => string.Equals(g.Item, get.Item, StringComparison.OrdinalIgnoreCase));
        _wantedGets.Add(get);
    }

    public void OfferGive(PossibleGive give)
    {
        EnsureOpen();
        _possibleGives.RemoveAll(g => string.Equals(g.Item, give.Item, StringComparison.OrdinalIgnoreCase));
        _possibleGives.Add(give);
    }

    /// <summary>
    /// Records a give by our side. A conditional give is an offer of a trade, not an open give; an unconditional
    /// give after gets nobody paid for yet is traded for them (gets before gives, as ASF advises).
    /// </summary>
    public Move RecordGive(MoveDraft draft, DateTimeOffset at)
    {
        EnsureOpen();
        if (draft.Kind != MoveKind.Give)
        {
            throw new ArgumentException("Expected a give.", nameof(draft));
        }

        var waiting = draft.Conditional ? [] : UntradedGets.Select(g => g.Number).ToList();
        var give = Append(draft, at);
        if (waiting.Count > 0)
        {
            _trades.Add(new Trade([give.Number], waiting));
        }

        return give;
    }

    /// <summary>Gets that came before any give of ours and are not yet part of a trade: a later give pays for them.</summary>
    public IReadOnlyList<Move> UntradedGets =>
        _moves.Where(m => m.IsGet && !_trades.Any(t => t.GetNumbers.Contains(m.Number))).ToList();

    /// <summary>Records a get and links it, as a trade, to every give still waiting for something in return.</summary>
    public (Move Get, Trade? Trade) RecordGet(MoveDraft draft, DateTimeOffset at)
    {
        EnsureOpen();
        if (draft.Kind != MoveKind.Get)
        {
            throw new ArgumentException("Expected a get.", nameof(draft));
        }

        var open = OpenGives.Select(g => g.Number).ToList();
        var get = Append(draft, at);
        if (open.Count == 0)
        {
            return (get, null);
        }

        var trade = new Trade(open, [get.Number]);
        _trades.Add(trade);
        return (get, trade);
    }

    /// <summary>Records a give explicitly tied to a get ("if you sign for two years, we drop to net-45").</summary>
    public Trade RecordTrade(MoveDraft give, MoveDraft get, DateTimeOffset at)
    {
        EnsureOpen();

        // Check the get before the give is appended, so a bad get can't leave half a trade behind.
        EnsureNotEmpty(get.Description);
        var g = RecordGive(give with { Conditional = true }, at);
        var r = Append(get with { Kind = MoveKind.Get }, at);
        var trade = new Trade([g.Number], [r.Number]);
        _trades.Add(trade);
        return trade;
    }

    /// <summary>
    /// Keeps "move #n was not a give" as a labelled example (once per move, whether or not the move can be taken back);
    /// null when #n is not a give.
    /// </summary>
    public LabelCorrection? CorrectNotAGive(int number, string by, DateTimeOffset at)
    {
        EnsureOpen();
        if (number < 1 || number > _moves.Count || !_moves[number - 1].IsGive)
        {
            return null;
        }

        var move = _moves[number - 1];
        var text = move.SourceText ?? move.Description;
        var existing = _corrections.Find(c => c.MoveNumber == number && c.Text == text);
        if (existing is not null)
        {
            return existing;
        }

        var correction = new LabelCorrection(number, text, LabelCorrection.NotAGive, move.Term, by, at);
        _corrections.Add(correction);
        return correction;
    }

    /// <summary>
    /// Takes back a give someone marked "not a give". Only the latest move can go, and only while nothing was traded
    /// for it, so the numbers of other moves never change; returns false when it must stay.
    /// </summary>
    public bool Retract(int number)
    {
        EnsureOpen();
        if (_moves.Count == 0 || number != _moves.Count || !_moves[^1].IsGive || _trades.Any(t => t.GiveNumbers.Contains(number)))
        {
            return false;
        }

        _moves.RemoveAt(_moves.Count - 1);
        return true;
    }

    public void AgreeTerm(Commitment term)
    {
        EnsureOpen();
        EnsureNotEmpty(term.Text);
        _finalTerms.Add(term);
    }

    public void AddNextStep(Commitment step)
    {
        EnsureOpen();
        EnsureNotEmpty(step.Text);
        _nextSteps.Add(step);
    }

    /// <summary>Our gives that are neither conditional nor part of a trade: concessions with nothing back yet.</summary>
    public IReadOnlyList<Move> OpenGives =>
        _moves.Where(m => m.IsGive && !m.Conditional && !_trades.Any(t => t.GiveNumbers.Contains(m.Number))).ToList();

    /// <summary>Wanted gets not matched by any get so far: those valued in money, most valuable first, then the rest in the order planned.</summary>
    public IReadOnlyList<WantedGet> OpenWantedGets =>
        _wantedGets
            .Where(w => !_moves.Any(m => m.IsGet && ItemMatcher.Matches(w.Item, m.Description)))
            .Select((w, index) => (w, index))
            .OrderBy(x => x.w.Value?.Kind == AmountKind.Money ? 0 : 1)
            .ThenByDescending(x => x.w.Value?.Kind == AmountKind.Money ? x.w.Value.CanonicalValue : 0)
            .ThenBy(x => x.index)
            .Select(x => x.w)
            .ToList();

    /// <summary>
    /// How far a give moved its term: its amount, or, for a move to a new position, the distance from the previous
    /// position on that term (the plan's opening at first). Null when that can't be known.
    /// </summary>
    public Amount? SizeOf(MoveDraft move) => SizeOf(move, _moves.Count + 1);

    public Amount? SizeOf(Move move) => SizeOf(new MoveDraft(move.Kind, move.Term, move.Description, move.Amount, move.AmountIsLevel), move.Number);

    /// <summary>What a move cost us (a give, from possible gives) or is worth to us (a get, from wanted gets).</summary>
    public Amount? ValueOf(Move move) => move.IsGive
        ? _possibleGives.Find(p => p.Cost is not null && ItemMatcher.Matches(p.Item, move.Description))?.Cost
        : _wantedGets.Find(w => w.Value is not null && ItemMatcher.Matches(w.Item, move.Description))?.Value;

    private Amount? SizeOf(MoveDraft move, int number)
    {
        if (move.Amount is null || !move.AmountIsLevel)
        {
            return move.Amount;
        }

        return PositionBefore(move.Term, move.Amount, number) is { } before
            ? move.Amount.WithCanonicalValue(Math.Abs(before - move.Amount.CanonicalValue))
            : null;
    }

    /// <summary>
    /// Where our position on a term stood just before move <paramref name="number"/>, in the canonical unit of
    /// <paramref name="unit"/>: the plan's opening, moved by every earlier give (a level sets it; a size moves it
    /// towards the walkaway). Null when it can't be known.
    /// </summary>
    private decimal? PositionBefore(Term term, Amount unit, int number)
    {
        var plan = PlanFor(term);
        decimal? position = plan?.Opening is { } opening && opening.IsComparableWith(unit) ? opening.CanonicalValue : null;
        var direction = plan is { Opening: { } from, Walkaway: { } to } && from.IsComparableWith(to) ? Math.Sign(to.CanonicalValue - from.CanonicalValue) : 0;
        foreach (var m in _moves.Where(m => m.Number < number && m.IsGive && m.Term == term && m.Amount is not null && m.Amount.IsComparableWith(unit)))
        {
            if (m.AmountIsLevel)
            {
                if (direction == 0 && position is { } p)
                {
                    direction = Math.Sign(m.Amount!.CanonicalValue - p);
                }

                position = m.Amount!.CanonicalValue;
            }
            else
            {
                position = direction == 0 ? null : position + (direction * m.Amount!.CanonicalValue);
            }
        }

        return position;
    }

    private Move Append(MoveDraft draft, DateTimeOffset at)
    {
        EnsureNotEmpty(draft.Description);
        var move = new Move(
            _moves.Count + 1,
            draft.Kind,
            draft.Term,
            draft.Description.Trim(),
            draft.Amount,
            draft.AmountIsLevel,
            draft.Conditional,
            draft.Labelled,
            draft.Author,
            at,
            draft.SourceMessageId,
            draft.SourceText);
        _moves.Add(move);
        return move;
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new DealRuleException($"The deal \"{Name}\" is closed.");
        }
    }

    private static void EnsureNotEmpty(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DealRuleException("Say what it is: the text was empty.");
        }
    }
}

/// <summary>A request the deal can't honour, with a message fit to show the person who asked.</summary>
public sealed class DealRuleException(string message) : InvalidOperationException(message);
