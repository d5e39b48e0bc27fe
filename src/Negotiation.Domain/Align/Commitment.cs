namespace Negotiation.Domain.Align;

/// <summary>A final term or next step agreed in Align, with who owns it and by when.</summary>
public sealed record Commitment(string Text, string? Owner = null, DateOnly? Due = null)
{
    public bool IsMissingOwner => string.IsNullOrWhiteSpace(Owner);

    public bool IsMissingDue => Due is null;
}
