using Negotiation.Conversations.Language;
using Negotiation.Language.Grammar;
using Negotiation.Language.Rules;

namespace Negotiation.Language.Classifier;

/// <summary>
/// The embedded engine: the trained classifier decides the label and its confidence; the rule reader, whose
/// verdict is one of the classifier's features, supplies the term, the amounts and the X / Y spans.
/// </summary>
public sealed class TrainedInterpreter(MessageClassifier classifier) : IMessageInterpreter
{
    public ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Interpret(text, context));
    }

    public Interpretation Interpret(string? text, InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var normalised = MessageText.Normalise(RuleBasedInterpreter.AsThey(text ?? "", context.Counterparty));
        if (normalised.Length == 0)
        {
            return Interpretation.Nothing;
        }

        try
        {
            var (rules, clauseSignals) = RuleBasedInterpreter.Read(normalised, context.Today);
            var (label, confidence) = classifier.Predict(normalised, LinguisticCues.Of(normalised, rules), clauseSignals);
            return Merge(rules, label, confidence);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // Every pattern has a timeout; text that trips one is hostile or garbage, and says nothing about the deal.
            return Interpretation.Nothing with { Confidence = 0.5 };
        }
    }

    /// <summary>The classifier's label with the rule reader's details, keeping only the spans that label has.</summary>
    internal static Interpretation Merge(Interpretation rules, MessageLabel label, double confidence)
    {
        var gives = label is MessageLabel.Give or MessageLabel.Trade or MessageLabel.Proposal;
        var gets = label is MessageLabel.Get or MessageLabel.Trade;
        var agrees = rules.Label == label;
        return rules with
        {
            Label = label,
            Confidence = confidence,
            Labelled = gives && rules.Labelled,
            GiveText = gives && (agrees || rules.Label is MessageLabel.Give or MessageLabel.Trade or MessageLabel.Proposal) ? rules.GiveText : null,
            GetText = gets && (agrees || rules.Label is MessageLabel.Get or MessageLabel.Trade) ? rules.GetText : null,
        };
    }
}
