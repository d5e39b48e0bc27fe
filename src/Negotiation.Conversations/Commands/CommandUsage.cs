namespace Negotiation.Conversations.Commands;

/// <summary>The usage line of every subcommand, shown in help and after malformed input.</summary>
public static class CommandUsage
{
    public const string Start = "/deal start <name> [bargaining|trading|creating|partnering]";
    public const string Type = "/deal type bargaining|trading|creating|partnering";
    public const string Phase = "/deal phase prepare|communicate|propose|align";
    public const string Plan = "/deal plan [<term> opening <amount> target <amount>[-<amount>] walkaway <amount> | want <item> [value <amount>] | offer <item> [cost <amount>] | move <step> | counterparty <name>]";
    public const string Give = "/deal give <what we gave>";
    public const string Get = "/deal get <what we got>";
    public const string Rephrase = "/deal rephrase <a give or proposal>";
    public const string Term = "/deal term <final term> [owner <name|@mention>] [due <date>]";
    public const string Next = "/deal next <step> [owner <name|@mention>] [due <date>]";
    public const string Ledger = "/deal ledger [share]";
    public const string Align = "/deal align";
    public const string Close = "/deal close";
    public const string Quiet = "/deal quiet on|off";
    public const string Export = "/deal export [md|csv|json|labels]";
    public const string Forget = "/deal forget [confirm]";
    public const string ExportLabels = "/deal export labels";

    public const string NotAGive = "/deal not-a-give <move number>";
    public const string Help = "/deal help";

    public static IReadOnlyList<string> All { get; } =
        [Start, Type, Phase, Plan, Give, Get, Rephrase, Term, Next, Ledger, Align, Close, Quiet, Export, Forget, Help];

    public const string Terms = "Terms: price, payment_terms, delivery, scope, service_level, contract_length, timeline, resources, policy, other.";

    public const string Dates = "Dates: 2026-12-15, Dec 15, next Friday, tomorrow, end of Q1.";

    /// <summary>The help text: every usage line, the terms and the date forms.</summary>
    public static string HelpText { get; } = "Negotiation Coach commands:\n" + string.Join("\n", All) + "\n" + Terms + "\n" + Dates;
}
