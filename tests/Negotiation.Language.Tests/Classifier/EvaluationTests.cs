using Negotiation.Conversations.Language;
using Negotiation.Language.Classifier;

namespace Negotiation.Language.Tests.Classifier;

public sealed class EvaluationTests
{
    [Fact]
    public void Of_ComputesPerLabelScores_MacroF1OverGoldLabels_AndTheConfusionMatrix()
    {
        // gold give ×3 (2 right, 1 called other), gold other ×2 (1 right, 1 called give); get never occurs.
        var evaluation = Evaluation.Of(
        [
            (MessageLabel.Give, MessageLabel.Give), (MessageLabel.Give, MessageLabel.Give), (MessageLabel.Give, MessageLabel.Other),
            (MessageLabel.Other, MessageLabel.Other), (MessageLabel.Other, MessageLabel.Give),
        ]);

        Assert.Equal(5, evaluation.N);
        Assert.Equal(0.6, evaluation.Accuracy, 6);
        Assert.Equal(2.0 / 3, evaluation.Labels[MessageLabel.Give].Precision, 6);
        Assert.Equal(2.0 / 3, evaluation.Labels[MessageLabel.Give].Recall, 6);
        Assert.Equal(0.5, evaluation.Labels[MessageLabel.Other].F1, 6);
        Assert.Equal(0, evaluation.Labels[MessageLabel.Get].Support);
        Assert.Equal(((2.0 / 3) + 0.5) / 2, evaluation.MacroF1, 6);
        Assert.Equal(1, evaluation.Confusion[MessageLabel.Give][MessageLabel.Other]);
        Assert.Equal(1, evaluation.Confusion[MessageLabel.Other][MessageLabel.Give]);
    }

    [Theory]
    [InlineData("{\"text\":\"hi\",\"label\":\"give\"}\nnot json", 2)]
    [InlineData("{\"text\":\"hi\",\"label\":\"concession\"}", 1)]
    [InlineData("\n{\"label\":\"give\"}", 2)]
    [InlineData("[1,2]", 1)]
    public void Read_NamesTheBadLine(string content, int line)
    {
        var e = Assert.Throws<LabelledDataException>(() => LabelledData.Read(new StringReader(content)));

        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Decide_CallsAGiveOnlyAboveTheThreshold_ElseTheRunnerUp()
    {
        var probabilities = new Dictionary<MessageLabel, float> { [MessageLabel.Give] = 0.5f, [MessageLabel.Other] = 0.3f, [MessageLabel.Get] = 0.2f };

        Assert.Equal((MessageLabel.Give, 0.5f), MessageClassifier.Decide(probabilities, 0.45) is var (l, c) ? (l, (float)c) : default);
        Assert.Equal(MessageLabel.Other, MessageClassifier.Decide(probabilities, 0.6).Label);
    }
}
