using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Planning;

namespace Negotiation.Conversations.Commands;

/// <summary>One parsed <c>/deal</c> subcommand.</summary>
public abstract record DealCommand;

public sealed record StartCommand(string Name, NegotiationType Type) : DealCommand;

public sealed record TypeCommand(NegotiationType Type) : DealCommand;

public sealed record PhaseCommand(Phase Phase) : DealCommand;

/// <summary><c>/deal plan</c> on its own: show the plan and how to fill it in.</summary>
public sealed record ShowPlanCommand : DealCommand;

public sealed record PlanTermCommand(TermPlan Plan) : DealCommand;

public sealed record PlanWantCommand(WantedGet Get) : DealCommand;

public sealed record PlanOfferCommand(PossibleGive Give) : DealCommand;

public sealed record PlanMoveCommand(string Move) : DealCommand;

public sealed record PlanCounterpartyCommand(string Counterparty) : DealCommand;

public sealed record GiveCommand(string Text) : DealCommand;

public sealed record GetCommand(string Text) : DealCommand;

public sealed record RephraseCommand(string Text) : DealCommand;

public sealed record TermCommand(Commitment Term) : DealCommand;

public sealed record NextCommand(Commitment Step) : DealCommand;

/// <summary><c>/deal ledger</c> shows it to the asker; <c>/deal ledger share</c> posts it for the team.</summary>
public sealed record LedgerCommand(bool Share = false) : DealCommand;

public sealed record AlignCommand : DealCommand;

public sealed record CloseCommand : DealCommand;

public sealed record QuietCommand(bool On) : DealCommand;

/// <summary>Export formats for a deal's full record.</summary>
public enum ExportFormat
{
    Markdown,
    Csv,
    Json,

    /// <summary>The "not a give" corrections as JSON Lines in the training data's shape.</summary>
    Labels,
}

public sealed record ExportCommand(ExportFormat Format) : DealCommand;

/// <summary><c>/deal forget</c> asks first; <c>/deal forget confirm</c> deletes the deal and its moves.</summary>
public sealed record ForgetCommand(bool Confirmed) : DealCommand;

/// <summary>From the "Not a give" button: move <see cref="Number"/> was not a concession.</summary>
public sealed record NotAGiveCommand(int Number) : DealCommand;

public sealed record HelpCommand : DealCommand;

/// <summary>Input that isn't a valid command: the reason and the usage line to show.</summary>
public sealed record InvalidCommand(string Problem, string Usage) : DealCommand;
