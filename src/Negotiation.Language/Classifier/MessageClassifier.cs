using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;
using Negotiation.Conversations.Language;

namespace Negotiation.Language.Classifier;

/// <summary>
/// The trained label classifier: multinomial logistic regression (ML.NET L-BFGS) over the text features of its
/// <see cref="FeatureSet"/> and the <see cref="LinguisticCues"/>. Thread-safe: prediction engines are pooled.
/// </summary>
public sealed partial class MessageClassifier : IDisposable
{
    private static readonly float[] NoEmbedding = new float[MiniLmEmbedder.Size];

    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly MessageLabel[] slots;
    private readonly ConcurrentBag<PredictionEngine<Row, Scores>> engines = [];
    private readonly ISentenceEmbedder? embedder;

    private MessageClassifier(MLContext ml, ITransformer model, ModelCard card, ISentenceEmbedder? embedder)
    {
        this.ml = ml;
        this.model = model;
        this.embedder = embedder;
        Card = card;
        var engine = ml.Model.CreatePredictionEngine<Row, Scores>(model);
        slots = SlotLabels(engine.OutputSchema);
        engines.Add(engine);
    }

    public ModelCard Card { get; private set; }

    /// <summary>Loads a saved model; <paramref name="embedder"/> is required for an embeddings model.</summary>
    public static MessageClassifier Load(Stream model, ModelCard card, ISentenceEmbedder? embedder)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.NeedsEmbeddings && embedder is null)
        {
            throw new ArgumentException("An embeddings model needs a sentence embedder.", nameof(embedder));
        }

        var ml = new MLContext(seed: 1);
        return new MessageClassifier(ml, ml.Model.Load(model, out _), card, embedder);
    }

    /// <summary>
    /// Chooses regularisation, n-gram lengths and the give threshold on <paramref name="dev"/>, then fits the chosen
    /// setting on train and dev together. The test split is never seen here.
    /// </summary>
    public static MessageClassifier Train(IReadOnlyList<LabelledMessage> train, IReadOnlyList<LabelledMessage> dev, FeatureSet features, ISentenceEmbedder? embedder, string dataSha256, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(dev);
        var trainRows = Rows(train, features, embedder);
        var devRows = Rows(dev, features, embedder);
        (Setting Setting, ModelCard Card)? best = null;
        foreach (var setting in Setting.Grid(features))
        {
            var ml = new MLContext(seed: 1);
            using var candidate = new MessageClassifier(ml, Pipeline(ml, features, setting).Fit(ml.Data.LoadFromEnumerable(Weighted(trainRows, setting))), new ModelCard(features, 0.5, 0.5, false, 0, dataSha256, 0, 0), embedder);
            var probabilities = devRows.Select(candidate.Probabilities).ToList();
            var rulesSure = devRows.Select(r => RulesSayGive(r.Cues)).ToList();
            var (threshold, withRules, f1, precision) = TuneGiveThresholds(probabilities, rulesSure, dev);
            log?.WriteLine($"  {features} {setting}: dev macro-F1 {f1:F3}, give precision {precision:F3} at thresholds {threshold:F2} / {withRules:F2} with the rules");
            if (best is null || f1 > best.Value.Card.DevMacroF1)
            {
                best = (setting, candidate.Card with { GiveThreshold = threshold, GiveThresholdWithRules = withRules, DevMacroF1 = f1, DevGivePrecision = precision });
            }
        }

        var (chosen, card) = best!.Value;
        log?.WriteLine($"  {features}: chose {chosen}; fitting it on train + dev ({train.Count + dev.Count} rows)");
        var final = new MLContext(seed: 1);
        var model = Pipeline(final, features, chosen).Fit(final.Data.LoadFromEnumerable(Weighted([.. trainRows, .. devRows], chosen)));
        return new MessageClassifier(final, model, card with { TrainRows = train.Count + dev.Count }, embedder);
    }

    public void Save(Stream destination) => ml.Model.Save(model, null, destination);

    /// <summary>The label and its probability for a message already normalised, with its cues.</summary>
    public (MessageLabel Label, double Confidence) Predict(string normalised, float[] cues) =>
        Decide(Probabilities(new Row { Text = ForNGrams(normalised), Cues = cues, Embedding = Embedding(normalised) }), RulesSayGive(cues) ? Card.GiveThresholdWithRules : Card.GiveThreshold);

    /// <summary>The rule reader called it our give, and was sure (cue 1 carries its confidence in a give).</summary>
    private static bool RulesSayGive(float[] cues) => cues[(int)MessageLabel.Give] >= 0.85f;

    public void Dispose()
    {
        while (engines.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }

    internal static (MessageLabel Label, double Confidence) Decide(IReadOnlyDictionary<MessageLabel, float> probabilities, double giveThreshold)
    {
        var ranked = probabilities.OrderByDescending(p => p.Value).ToList();
        var (label, p) = ranked[0];
        if (label == MessageLabel.Give && p < giveThreshold)
        {
            // Not sure enough to cry "give": the runner-up (usually proposal or other) is what we act on.
            (label, p) = ranked[1];
        }

        return (label, p);
    }

    private Dictionary<MessageLabel, float> Probabilities(Row row)
    {
        if (!engines.TryTake(out var engine))
        {
            engine = ml.Model.CreatePredictionEngine<Row, Scores>(model);
        }

        try
        {
            var scores = engine.Predict(row).Score;
            var result = new Dictionary<MessageLabel, float>();
            for (var i = 0; i < slots.Length; i++)
            {
                result[slots[i]] = scores[i];
            }

            return result;
        }
        finally
        {
            engines.Add(engine);
        }
    }

    private float[] Embedding(string normalised) =>
        Card.NeedsEmbeddings ? embedder!.Embed([normalised])[0] : NoEmbedding;

    private static List<Row> Weighted(List<Row> rows, Setting setting)
    {
        foreach (var row in rows)
        {
            row.Weight = row.Templated ? setting.TemplateWeight : 1;
        }

        return rows;
    }

    private static List<Row> Rows(IReadOnlyList<LabelledMessage> messages, FeatureSet features, ISentenceEmbedder? embedder)
    {
        var reference = new DateOnly(2026, 1, 5);
        var normalised = messages.Select(m => Grammar.MessageText.Normalise(m.Text)).ToList();
        var embeddings = features != FeatureSet.NGrams
            ? (embedder ?? throw new ArgumentException("Embeddings need a sentence embedder.", nameof(embedder))).Embed(normalised)
            : null;
        return [.. messages.Select((m, i) => new Row
        {
            Text = ForNGrams(normalised[i]),
            Cues = LinguisticCues.Of(normalised[i], Rules.RuleBasedInterpreter.Interpret(normalised[i], reference)),
            Embedding = embeddings?[i] ?? NoEmbedding,
            Label = LabelledData.Name(m.Label),
            Templated = m.Templated,
        })];
    }

    private static EstimatorChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Pipeline(MLContext ml, FeatureSet features, Setting setting)
    {
        var labels = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = setting.L2,
            L1Regularization = 0,
            MaximumNumberOfIterations = 200,
            ExampleWeightColumnName = nameof(Row.Weight),
        });
        if (features == FeatureSet.Embeddings)
        {
            return labels.Append(ml.Transforms.Concatenate("Features", nameof(Row.Embedding), nameof(Row.Cues))).Append(trainer);
        }

        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            StopWordsRemoverOptions = null,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = setting.WordNGrams, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = setting.CharNGrams, UseAllLengths = true },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        return labels
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", text, nameof(Row.Text)))
            .Append(features == FeatureSet.Combined
                ? ml.Transforms.Concatenate("Features", "TextFeatures", nameof(Row.Embedding), nameof(Row.Cues))
                : ml.Transforms.Concatenate("Features", "TextFeatures", nameof(Row.Cues)))
            .Append(trainer);
    }

    /// <summary>
    /// The give thresholds (one when the rule reader is sure of a give, one otherwise) with the best dev macro-F1
    /// among those whose dev give precision is at least 0.97 (a false give is noise in the channel); the most
    /// precise pair when none reaches it.
    /// </summary>
    private static (double Alone, double WithRules, double MacroF1, double GivePrecision) TuneGiveThresholds(List<Dictionary<MessageLabel, float>> probabilities, List<bool> rulesSure, IReadOnlyList<LabelledMessage> dev)
    {
        (double, double, double, double)? best = null;
        (double, double, double, double)? fallback = null;
        for (var alone = 0.30; alone <= 0.951; alone += 0.05)
        {
            for (var withRules = 0.30; withRules <= alone + 0.001; withRules += 0.05)
            {
                var pairs = dev.Select((m, i) => (m.Label, Decide(probabilities[i], rulesSure[i] ? withRules : alone).Label)).ToList();
                var evaluation = Evaluation.Of(pairs);
                var precision = evaluation.Labels[MessageLabel.Give].Precision;
                var candidate = (Math.Round(alone, 2), Math.Round(withRules, 2), evaluation.MacroF1, precision);
                if (precision >= 0.97 && (best is null || evaluation.MacroF1 > best.Value.Item3 + 1e-9))
                {
                    best = candidate;
                }

                if (fallback is null || precision > fallback.Value.Item4)
                {
                    fallback = candidate;
                }
            }
        }

        return best ?? fallback!.Value;
    }

    private static MessageLabel[] SlotLabels(DataViewSchema schema)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => LabelledData.TryParseLabel(n.ToString(), out var label) ? label : throw new InvalidDataException($"Unknown label \"{n}\" in the model."))];
    }

    /// <summary>Digits become 0 so "$92k" and "$85k" share n-grams: the amount's shape matters, not its value.</summary>
    private static string ForNGrams(string normalised) => Digits().Replace(normalised, "0");

    [GeneratedRegex(@"\d", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    /// <summary>One point of the hyper-parameter grid.</summary>
    private sealed record Setting(float L2, int WordNGrams, int CharNGrams, float TemplateWeight)
    {
        public static IEnumerable<Setting> Grid(FeatureSet features) => features == FeatureSet.Combined
            ? from l2 in L2s from weight in TemplateWeights select new Setting(l2, 3, 4, weight)
            : features == FeatureSet.Embeddings
            ? [new(0.003f, 0, 0, 1), new(0.03f, 0, 0, 1), new(0.3f, 0, 0, 1)]
            : from l2 in L2s from word in WordLengths from chars in CharLengths from weight in TemplateWeights select new Setting(l2, word, chars, weight);

        private static readonly float[] TemplateWeights = [1f, 0.3f];

        private static readonly float[] L2s = [0.001f, 0.01f];
        private static readonly int[] WordLengths = [2, 3];
        private static readonly int[] CharLengths = [4];

        public override string ToString() => WordNGrams == 0 ? $"l2={L2}" : $"l2={L2} words≤{WordNGrams} chars≤{CharNGrams} template weight {TemplateWeight}";
    }

    /// <summary>One message as the model reads it.</summary>
    public sealed class Row
    {
        public string Text { get; set; } = "";

        [VectorType(LinguisticCues.Count)]
        public float[] Cues { get; set; } = [];

        [VectorType(MiniLmEmbedder.Size)]
        public float[] Embedding { get; set; } = [];

        public string Label { get; set; } = "";

        [NoColumn]
        public bool Templated { get; set; }

        /// <summary>How much the row counts in training: templated rows can weigh less than hand-written ones.</summary>
        public float Weight { get; set; } = 1;
    }

    /// <summary>The model's answer: one probability per label, in slot order.</summary>
    public sealed class Scores
    {
        public float[] Score { get; set; } = [];
    }
}
