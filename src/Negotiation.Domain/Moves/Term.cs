namespace Negotiation.Domain.Moves;

/// <summary>What a move is about: the terms a deal team trades on.</summary>
public enum Term
{
    Other,
    Price,
    PaymentTerms,
    Delivery,
    Scope,
    ServiceLevel,
    ContractLength,
    Timeline,
    Resources,
    Policy,
}

/// <summary>Names of terms as people type them and as the wire formats carry them.</summary>
public static class TermNames
{
    private static readonly Dictionary<Term, string> Snake = new()
    {
        [Term.Other] = "other",
        [Term.Price] = "price",
        [Term.PaymentTerms] = "payment_terms",
        [Term.Delivery] = "delivery",
        [Term.Scope] = "scope",
        [Term.ServiceLevel] = "service_level",
        [Term.ContractLength] = "contract_length",
        [Term.Timeline] = "timeline",
        [Term.Resources] = "resources",
        [Term.Policy] = "policy",
    };

    /// <summary>The snake_case wire name, e.g. <c>payment_terms</c>.</summary>
    public static string ToWireName(this Term term) => Snake[term];

    /// <summary>The words a person would use, e.g. <c>payment terms</c>.</summary>
    public static string ToDisplayName(this Term term) => Snake[term].Replace('_', ' ');

    /// <summary>Parses "payment_terms", "payment-terms" or "payment terms" (case-insensitive).</summary>
    public static bool TryParse(string? text, out Term term)
    {
        var key = (text ?? "").Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        foreach (var (value, name) in Snake)
        {
            if (name == key)
            {
                term = value;
                return true;
            }
        }

        term = Term.Other;
        return false;
    }
}
