using System.Globalization;
using Negotiation.Conversations.Commands;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Conversations.Rendering;
using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Handlers;

/// <summary>Carries out one <c>/deal</c> command against the channel's deal.</summary>
public sealed class DealCommandHandler(IDealStore deals, IMessageInterpreter interpreter, CoachingReplies coaching, TimeProvider time, IDealLinks? links = null)
{
    /// <summary>The action of the link button to the deal's read-only view.</summary>
    public const string OpenLedgerAction = "open_ledger";

    public const string NoDeal = "No deal in this channel yet. Start one: " + CommandUsage.Start;

    public async Task<HandlerReply> HandleAsync(InboundCommand command, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var parsed = DealCommandParser.Parse(command.Text, today);
        switch (parsed)
        {
            case InvalidCommand invalid:
                return HandlerReply.Error($"{invalid.Problem}\nUsage: {invalid.Usage}");
            case HelpCommand:
                return HandlerReply.Private(CommandUsage.HelpText);
            case StartCommand start:
                return await StartAsync(command, start, now, cancellationToken).ConfigureAwait(false);
        }

        var deal = await deals.FindLatestAsync(command.Channel, cancellationToken).ConfigureAwait(false);
        if (deal is null)
        {
            return HandlerReply.Error(NoDeal);
        }

        if (parsed is ForgetCommand forget)
        {
            return await ForgetAsync(deal, forget, cancellationToken).ConfigureAwait(false);
        }

        var reply = await ApplyAsync(deal, parsed, command, today, now, cancellationToken).ConfigureAwait(false);
        await deals.SaveAsync(deal, cancellationToken).ConfigureAwait(false);
        return reply;
    }

    private async Task<HandlerReply> StartAsync(InboundCommand command, StartCommand start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await deals.FindLatestAsync(command.Channel, cancellationToken).ConfigureAwait(false);
        if (existing is { IsClosed: false })
        {
            return HandlerReply.Error($"This channel already has an active deal: {existing.Name}. Close it first with {CommandUsage.Close}.");
        }

        var deal = Deal.Start(Guid.NewGuid(), command.Channel, command.ReplyThreadId, start.Name, start.Type, command.User.Name, now);
        await deals.SaveAsync(deal, cancellationToken).ConfigureAwait(false);
        return new HandlerReply(
            [Say($"Started deal \"{deal.Name}\" ({deal.Type}, phase {deal.Phase}). I'll track every give and get in this channel and post the Align summary in this thread.\nNext: set the plan with /deal plan, and say /deal phase propose when you start exchanging terms.")],
            Visibility.Thread);
    }

    private async Task<HandlerReply> ForgetAsync(Deal deal, ForgetCommand forget, CancellationToken cancellationToken)
    {
        if (!forget.Confirmed)
        {
            return HandlerReply.Private(
                $"This permanently deletes the deal \"{deal.Name}\", its {deal.Moves.Count} moves, terms and next steps for this workspace. Export it first if you need it ({CommandUsage.Export}). To go ahead: /deal forget confirm");
        }

        await deals.DeleteAsync(deal.Channel.Platform, deal.Channel.Workspace, deal.Id, cancellationToken).ConfigureAwait(false);
        return HandlerReply.Private($"Deleted the deal \"{deal.Name}\" and everything in it.");
    }

    private async Task<HandlerReply> ApplyAsync(Deal deal, DealCommand parsed, InboundCommand command, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (parsed)
        {
            case ExportCommand export:
                return HandlerReply.Private(DealExporter.Export(deal, export.Format));
            case LedgerCommand ledger:
                return ledger.Share
                    ? new HandlerReply([WithLink(LedgerRenderer.Part(deal), deal)], Visibility.Thread, deal.ThreadId)
                    : new HandlerReply([WithLink(LedgerRenderer.Part(deal), deal)], Visibility.Ephemeral);
            case AlignCommand:
                if (deal.Phase < Phase.Align)
                {
                    deal.MoveTo(Phase.Align);
                }

                return new HandlerReply([WithLink(AlignSummaryRenderer.Part(AlignSummary.Of(deal)), deal)], Visibility.Thread, deal.ThreadId);
            case QuietCommand quiet:
                deal.SetQuiet(quiet.On);
                return HandlerReply.Private(quiet.On
                    ? "Quiet on: I'll keep tracking gives and gets here but won't speak up on chat messages. Commands still answer."
                    : "Quiet off: I'll speak up again when a give has nothing in return.");
            case RephraseCommand rephrase:
                return new HandlerReply([await coaching.RephraseAsync(deal, await GiveTextAsync(rephrase.Text, deal, today, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false)], Visibility.Ephemeral);
        }

        if (deal.IsClosed)
        {
            return HandlerReply.Error($"The deal \"{deal.Name}\" is closed. Start a new one with {CommandUsage.Start}.");
        }

        switch (parsed)
        {
            case TypeCommand type:
                deal.ChangeType(type.Type);
                return HandlerReply.Private($"Negotiation type is now {type.Type}.");
            case PhaseCommand phase:
                deal.MoveTo(phase.Phase);
                return HandlerReply.Private($"Phase is now {phase.Phase}.");
            case ShowPlanCommand:
                return HandlerReply.Private(PlanText(deal));
            case PlanTermCommand plan:
                var merged = deal.PlanTerm(plan.Plan);
                return HandlerReply.Private($"Plan for {merged.Term.ToDisplayName()}: {Describe(merged)}.");
            case PlanWantCommand want:
                deal.WantGet(want.Get);
                return HandlerReply.Private($"Wanted get: {want.Get.Item}{(want.Get.Value is null ? "" : $" (worth {want.Get.Value})")}.");
            case PlanOfferCommand offer:
                deal.OfferGive(offer.Give);
                return HandlerReply.Private($"Possible give: {offer.Give.Item}{(offer.Give.Cost is null ? "" : $" (costs {offer.Give.Cost})")}.");
            case PlanMoveCommand move:
                deal.PlanMove(move.Move);
                return HandlerReply.Private($"Planned move {deal.PlannedMoves.Count}: {move.Move}.");
            case PlanCounterpartyCommand counterparty:
                deal.NameCounterparty(counterparty.Counterparty);
                return HandlerReply.Private($"Counterparty: {deal.Counterparty}.");
            case GiveCommand give:
                var giveDraft = await DraftAsync(give.Text, MoveKind.Give, deal, command, today, cancellationToken).ConfigureAwait(false);
                return new HandlerReply(await coaching.GiveAsync(deal, giveDraft, detectedInChat: false, cancellationToken).ConfigureAwait(false), Visibility.Thread);
            case GetCommand get:
                var getDraft = await DraftAsync(get.Text, MoveKind.Get, deal, command, today, cancellationToken).ConfigureAwait(false);
                return new HandlerReply(CoachingReplies.Get(deal, getDraft, now), Visibility.Thread);
            case NotAGiveCommand notAGive:
                if (deal.CorrectNotAGive(notAGive.Number, command.User.Name, now) is null)
                {
                    return HandlerReply.Error($"#{notAGive.Number} is not a give in this deal, so there is nothing to correct.");
                }

                return HandlerReply.Private((deal.Retract(notAGive.Number)
                    ? $"Thanks for the correction: #{notAGive.Number} is off the ledger."
                    : $"Thanks, noted. #{notAGive.Number} stays in the ledger: only the latest move can be taken back, and only before anything was traded for it.")
                    + $" I kept it as an example to learn from ({CommandUsage.ExportLabels}).");
            case TermCommand term:
                deal.AgreeTerm(term.Term);
                return HandlerReply.Private("Final term recorded: " + Describe(term.Term));
            case NextCommand next:
                deal.AddNextStep(next.Step);
                return HandlerReply.Private("Next step recorded: " + Describe(next.Step));
            case CloseCommand:
                deal.Close(now);
                return new HandlerReply(
                    [Say($"Closed \"{deal.Name}\"."), WithLink(AlignSummaryRenderer.Part(AlignSummary.Of(deal)), deal)],
                    Visibility.Thread,
                    deal.ThreadId);
            default:
                throw new InvalidOperationException($"No handler for {parsed.GetType().Name}.");
        }
    }

    /// <summary>A move as typed: the interpreter supplies term, amount and label; the command decides give or get.</summary>
    private async Task<MoveDraft> DraftAsync(string text, MoveKind kind, Deal deal, InboundCommand command, DateOnly today, CancellationToken cancellationToken)
    {
        var understood = await interpreter.InterpretAsync(text, new InterpretationContext(today, deal.Type, deal.Counterparty), cancellationToken).ConfigureAwait(false);
        return new MoveDraft(
            kind,
            understood.Term,
            text,
            understood.Amounts.Count > 0 ? understood.Amounts[0] : null,
            understood.AmountIsLevel,
            Conditional: false,
            Labelled: understood.Labelled,
            Author: command.User.Name,
            SourceMessageId: command.MessageId);
    }

    private async Task<string> GiveTextAsync(string text, Deal deal, DateOnly today, CancellationToken cancellationToken)
    {
        var understood = await interpreter.InterpretAsync(text, new InterpretationContext(today, deal.Type, deal.Counterparty), cancellationToken).ConfigureAwait(false);
        return understood.GiveText ?? text;
    }

    /// <summary>Adds the "Open ledger" link button when this host can issue a signed link to the deal's read-only view.</summary>
    private ReplyPart WithLink(ReplyPart part, Deal deal) =>
        links?.ReadOnlyLink(deal) is { } url
            ? part with { Buttons = [.. part.Buttons, new ReplyButton(OpenLedgerAction, "Open ledger", deal.Id.ToString("N")) { Url = url }] }
            : part;

    private static ReplyPart Say(string text) => new(ReplyKind.CommandReply, text);

    private static string Describe(Commitment c)
    {
        var text = c.Text + (c.Owner is null ? "" : $", owner {c.Owner}") + (c.Due is null ? "" : $", due {c.Due.Value.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)}") + ".";
        var missing = (c.IsMissingOwner, c.IsMissingDue) switch
        {
            (true, true) => "It still needs an owner and a deadline (add owner <name> due <date>).",
            (true, false) => "It still needs an owner (add owner <name>).",
            (false, true) => "It still needs a deadline (add due <date>).",
            _ => "",
        };
        return missing.Length == 0 ? text : text + " " + missing;
    }

    private static string Describe(Domain.Planning.TermPlan p)
    {
        var parts = new List<string>();
        if (p.Opening is not null)
        {
            parts.Add($"opening {p.Opening}");
        }

        if (p.TargetLow is not null)
        {
            parts.Add($"target {p.TargetLow}{(p.TargetHigh is null ? "" : $"–{p.TargetHigh}")}");
        }

        if (p.Walkaway is not null)
        {
            parts.Add($"walkaway {p.Walkaway}");
        }

        if (p.RoomToMove is not null)
        {
            parts.Add($"room to move {p.RoomToMove}");
        }

        return string.Join(", ", parts);
    }

    private static string PlanText(Deal deal)
    {
        var lines = new List<string> { $"Plan for \"{deal.Name}\" ({deal.Type}, phase {deal.Phase})" + (deal.Counterparty is null ? "" : $" with {deal.Counterparty}") };
        lines.AddRange(deal.TermPlans.Select(p => $"- {p.Term.ToDisplayName()}: {Describe(p)}"));
        lines.AddRange(deal.WantedGets.Select(w => $"- want: {w.Item}{(w.Value is null ? "" : $" (worth {w.Value})")}"));
        lines.AddRange(deal.PossibleGives.Select(g => $"- could give: {g.Item}{(g.Cost is null ? "" : $" (costs {g.Cost})")}"));
        lines.AddRange(deal.PlannedMoves.Select((m, i) => $"- planned move {i + 1}: {m}"));
        if (lines.Count == 1)
        {
            lines.Add("Nothing planned yet.");
        }

        lines.Add("Set it with: " + CommandUsage.Plan);
        return string.Join("\n", lines);
    }
}
