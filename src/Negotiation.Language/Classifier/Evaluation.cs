using Negotiation.Conversations.Language;

namespace Negotiation.Language.Classifier;

/// <summary>Precision, recall, F1 and support of one label.</summary>
public sealed record LabelScore(double Precision, double Recall, double F1, int Support);

/// <summary>
/// How predicted labels compare with gold ones: accuracy, macro-F1 (the mean F1 over the labels that occur among
/// the gold labels), per-label scores and the confusion matrix (gold → predicted → count).
/// </summary>
public sealed class Evaluation
{
    private Evaluation(int n, double accuracy, double macroF1, IReadOnlyDictionary<MessageLabel, LabelScore> labels, IReadOnlyDictionary<MessageLabel, IReadOnlyDictionary<MessageLabel, int>> confusion)
    {
        N = n;
        Accuracy = accuracy;
        MacroF1 = macroF1;
        Labels = labels;
        Confusion = confusion;
    }

    public int N { get; }

    public double Accuracy { get; }

    public double MacroF1 { get; }

    public IReadOnlyDictionary<MessageLabel, LabelScore> Labels { get; }

    public IReadOnlyDictionary<MessageLabel, IReadOnlyDictionary<MessageLabel, int>> Confusion { get; }

    public static IReadOnlyList<MessageLabel> AllLabels { get; } = [MessageLabel.Give, MessageLabel.Get, MessageLabel.Trade, MessageLabel.Proposal, MessageLabel.Other];

    public static Evaluation Of(IReadOnlyList<(MessageLabel Gold, MessageLabel Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var confusion = AllLabels.ToDictionary(g => g, _ => AllLabels.ToDictionary(p => p, _ => 0));
        foreach (var (gold, predicted) in pairs)
        {
            confusion[gold][predicted]++;
        }

        var labels = new Dictionary<MessageLabel, LabelScore>();
        foreach (var label in AllLabels)
        {
            var truePositives = confusion[label][label];
            var predictedCount = AllLabels.Sum(g => confusion[g][label]);
            var support = confusion[label].Values.Sum();
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            labels[label] = new LabelScore(precision, recall, f1, support);
        }

        var present = labels.Where(l => l.Value.Support > 0).Select(l => l.Value.F1).ToList();
        var correct = AllLabels.Sum(l => confusion[l][l]);
        return new Evaluation(
            pairs.Count,
            pairs.Count == 0 ? 0 : (double)correct / pairs.Count,
            present.Count == 0 ? 0 : present.Average(),
            labels,
            confusion.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<MessageLabel, int>)c.Value));
    }
}
