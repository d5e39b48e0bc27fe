using Negotiation.Conversations.Language;
using Negotiation.Language.Classifier;
using Negotiation.Language.Rephrasing;

namespace Negotiation.Language.Tests.Classifier;

/// <summary>
/// The shipped default model against the held-out test split (never used for training or tuning): its scores, and
/// the rephraser on every give and trade of the split.
/// </summary>
public sealed partial class ShippedModelTests
{
    private static readonly Lazy<(TrainedInterpreter Interpreter, IReadOnlyList<LabelledMessage> Test)> Default = new(() =>
        (new TrainedInterpreter(ShippedModels.Load(ShippedModels.DefaultFeatures, ShippedModels.DefaultFeatures == FeatureSet.NGrams ? null : new MiniLmEmbedder())),
         LabelledData.ReadFile(DataSetTests.PathOf("test"))));

    private static readonly InterpretationContext Context = new(new DateOnly(2026, 3, 2));

    [Theory]
    [InlineData(FeatureSet.NGrams)]
    [InlineData(FeatureSet.Embeddings)]
    [InlineData(FeatureSet.Combined)]
    public void ShippedModels_WereTrainedOnTheCurrentTrainAndDevFiles(FeatureSet features)
    {
        var card = ShippedModels.Card(features);

        Assert.NotNull(card);
        Assert.Equal(ModelCard.DataHash(File.ReadAllBytes(DataSetTests.PathOf("train")), File.ReadAllBytes(DataSetTests.PathOf("dev"))), card.DataSha256);
    }

    /// <summary>
    /// A regression guard at the scores measured when the model was shipped (README, "Measured"): give precision
    /// 0.930, give recall 0.912, macro-F1 0.931 on this split. The give recall and macro-F1 floors (0.90) are met; the
    /// give precision floor (0.95) is not yet, and this test keeps the model from sliding while it is worked on.
    /// </summary>
    [Fact]
    public void DefaultModel_OnTheTestSplit_KeepsItsMeasuredScores()
    {
        var (interpreter, test) = Default.Value;

        var evaluation = Evaluation.Of([.. test.Select(m => (m.Label, interpreter.Interpret(m.Text, Context).Label))]);

        var give = evaluation.Labels[MessageLabel.Give];
        Assert.True(give.Precision >= 0.925, $"give precision {give.Precision:F3}");
        Assert.True(give.Recall >= 0.90, $"give recall {give.Recall:F3}");
        Assert.True(evaluation.MacroF1 >= 0.925, $"macro-F1 {evaluation.MacroF1:F3}");
    }

    [Fact]
    public void Rephraser_OnEveryGiveAndTradeOfTheTestSplit_WritesTheTradeFormWithItsAmounts_OrRefuses()
    {
        var (interpreter, test) = Default.Value;
        var problems = new List<string>();
        foreach (var message in test.Where(m => m.Label is MessageLabel.Give or MessageLabel.Trade))
        {
            var request = TemplateRephraser.RequestFor(message.Text, interpreter.Interpret(message.Text, Context), []);
            var result = TemplateRephraser.Rephrase(request);
            if (!result.Succeeded)
            {
                if (string.IsNullOrWhiteSpace(result.RefusalReason))
                {
                    problems.Add($"refused without a reason: \"{message.Text}\"");
                }

                continue;
            }

            var typed = Negotiation.Language.Amounts.AmountExtractor.Extract(Negotiation.Language.Grammar.MessageText.Normalise(message.Text), Context.Today);
            var written = Negotiation.Language.Amounts.AmountExtractor.Extract(Negotiation.Language.Grammar.MessageText.Normalise(result.Sentence), Context.Today);
            if (!TradeForm().IsMatch(result.Sentence!))
            {
                problems.Add($"not the trade form: \"{result.Sentence}\"");
            }
            else if (!written.All(typed.Contains))
            {
                problems.Add($"amounts changed: \"{message.Text}\" → \"{result.Sentence}\"");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^If we .+, could you .+\?$")]
    private static partial System.Text.RegularExpressions.Regex TradeForm();
}
