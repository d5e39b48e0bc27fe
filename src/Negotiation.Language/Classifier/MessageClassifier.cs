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
    /// Chooses regularisation, n-gram lengths, template weight and the give thresholds by <see cref="Folds"/>-fold
    /// cross-validation over <paramref name="pool"/> (train and dev together: every row is scored by a model that
    /// never saw it), then fits the chosen setting on the whole pool. The test split is never seen here.
    /// <paramref name="mistakes"/> receives the chosen setting's out-of-fold errors, one JSON line each, for review.
    /// </summary>
    public static MessageClassifier Train(IReadOnlyList<LabelledMessage> pool, FeatureSet features, ISentenceEmbedder? embedder, string dataSha256, TextWriter? log = null, TextWriter? mistakes = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var rows = Rows(pool, features, embedder);
        var folds = pool.Select(Fold).ToArray();
        var rulesSure = rows.Select(r => RulesSayGive(r.Cues)).ToList();
        (Setting Setting, Tuning Tuning, List<Dictionary<MessageLabel, float>> OutOfFold)? best = null;
        foreach (var setting in Setting.Grid(features))
        {
            var outOfFold = new Dictionary<MessageLabel, float>[rows.Count];
            for (var fold = 0; fold < Folds; fold++)
            {
                var ml = new MLContext(seed: 1);
                var fitted = rows.Where((_, i) => folds[i] != fold).ToList();
                using var candidate = new MessageClassifier(ml, Pipeline(ml, features, setting).Fit(ml.Data.LoadFromEnumerable(Weighted(fitted, setting))), Untuned(features, dataSha256), embedder);
                for (var i = 0; i < rows.Count; i++)
                {
                    if (folds[i] == fold)
                    {
                        outOfFold[i] = candidate.Probabilities(rows[i]);
                    }
                }
            }

            var tuning = TuneGiveThresholds([.. outOfFold], rulesSure, pool);
            log?.WriteLine($"  {features} {setting}: out of fold macro-F1 {tuning.MacroF1:F3}, give precision {tuning.GivePrecision:F3}, recall {tuning.GiveRecall:F3} at thresholds {tuning.Alone:F2} / {tuning.WithRules:F2} with the rules");
            if (best is null || tuning.IsBetterThan(best.Value.Tuning))
            {
                best = (setting, tuning, [.. outOfFold]);
            }
        }

        var (chosen, tuned, probabilities) = best!.Value;
        var card = Untuned(features, dataSha256) with
        {
            GiveThreshold = tuned.Alone,
            GiveThresholdWithRules = tuned.WithRules,
            TuningMacroF1 = tuned.MacroF1,
            TuningGivePrecision = tuned.GivePrecision,
            TuningGiveRecall = tuned.GiveRecall,
        };
        if (mistakes is not null)
        {
            WriteMistakes(mistakes, pool, rows, probabilities, card);
        }

        log?.WriteLine($"  {features}: chose {chosen}; fitting it on all {pool.Count} rows");
        var final = new MLContext(seed: 1);
        var model = Pipeline(final, features, chosen).Fit(final.Data.LoadFromEnumerable(Weighted(rows, chosen)));
        return new MessageClassifier(final, model, card with { TrainRows = pool.Count }, embedder);
    }

    /// <summary>How many folds the tuning pool is cut into.</summary>
    public const int Folds = 5;

    /// <summary>A row's fold, from a hash of its id (of its text when it has none): stable as rows are added.</summary>
    internal static int Fold(LabelledMessage message)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fold:" + (message.Id ?? message.Text)));
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % Folds);
    }

    private static ModelCard Untuned(FeatureSet features, string dataSha256) => new(features, 0.5, 0.5, false, 0, dataSha256, 0, 0, 0);

    private static void WriteMistakes(TextWriter mistakes, IReadOnlyList<LabelledMessage> pool, List<Row> rows, List<Dictionary<MessageLabel, float>> probabilities, ModelCard card)
    {
        for (var i = 0; i < pool.Count; i++)
        {
            var (predicted, confidence) = Decide(probabilities[i], RulesSayGive(rows[i].Cues) ? card.GiveThresholdWithRules : card.GiveThreshold);
            if (predicted != pool[i].Label)
            {
                mistakes.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    id = pool[i].Id,
                    text = pool[i].Text,
                    label = LabelledData.Name(pool[i].Label),
                    predicted = LabelledData.Name(predicted),
                    confidence = Math.Round(confidence, 3),
                }));
            }
        }
    }

    public void Save(Stream destination) => ml.Model.Save(model, null, destination);

    /// <summary>The label and its probability for a message already normalised, with its cues and the rules' clause signals.</summary>
    public (MessageLabel Label, double Confidence) Predict(string normalised, float[] cues, string clauseSignals) =>
        Decide(Probabilities(new Row { Text = ForNGrams(normalised, clauseSignals), Cues = cues, Embedding = Embedding(normalised) }), RulesSayGive(cues) ? Card.GiveThresholdWithRules : Card.GiveThreshold);

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
        return [.. messages.Select((m, i) =>
        {
            var (rules, clauseSignals) = Rules.RuleBasedInterpreter.Read(normalised[i], reference);
            return new Row
            {
                Text = ForNGrams(normalised[i], clauseSignals),
                Cues = LinguisticCues.Of(normalised[i], rules),
                Embedding = embeddings?[i] ?? NoEmbedding,
                Label = LabelledData.Name(m.Label),
                Templated = m.Templated,
            };
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
    /// The give thresholds (one when the rule reader is sure of a give, one otherwise) that come closest to the
    /// targets: the best worst ratio of give precision to 0.95, give recall to 0.90 and macro-F1 to 0.90, out of fold.
    /// Precision and recall are weighed against their targets so neither is bought with the other.
    /// </summary>
    private static Tuning TuneGiveThresholds(List<Dictionary<MessageLabel, float>> probabilities, List<bool> rulesSure, IReadOnlyList<LabelledMessage> pool)
    {
        Tuning? best = null;
        for (var alone = 0.30; alone <= 0.951; alone += 0.05)
        {
            for (var withRules = 0.30; withRules <= alone + 0.001; withRules += 0.05)
            {
                var pairs = pool.Select((m, i) => (m.Label, Decide(probabilities[i], rulesSure[i] ? withRules : alone).Label)).ToList();
                var evaluation = Evaluation.Of(pairs);
                var give = evaluation.Labels[MessageLabel.Give];
                var candidate = new Tuning(Math.Round(alone, 2), Math.Round(withRules, 2), evaluation.MacroF1, give.Precision, give.Recall);
                if (best is null || candidate.IsBetterThan(best))
                {
                    best = candidate;
                }
            }
        }

        return best!;
    }

    /// <summary>Give thresholds and the out-of-fold scores they reach.</summary>
    private sealed record Tuning(double Alone, double WithRules, double MacroF1, double GivePrecision, double GiveRecall)
    {
        public double Score => Math.Min(Math.Min(GivePrecision / 0.95, GiveRecall / 0.90), MacroF1 / 0.90);

        public bool IsBetterThan(Tuning other) => Score > other.Score + 1e-9 || (Math.Abs(Score - other.Score) <= 1e-9 && MacroF1 > other.MacroF1 + 1e-9);
    }

    private static MessageLabel[] SlotLabels(DataViewSchema schema)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => LabelledData.TryParseLabel(n.ToString(), out var label) ? label : throw new InvalidDataException($"Unknown label \"{n}\" in the model."))];
    }

    /// <summary>
    /// The text the n-grams are cut from: names marked (<see cref="Grammar.Names"/>), digits as 0 so "$92k" and "$85k"
    /// share n-grams (the amount's shape matters, not its value), a start token so "_start_ _person_ waived" is seen,
    /// and the rule reader's reading of each clause ("_give_ours_") at the end.
    /// </summary>
    private static string ForNGrams(string normalised, string clauseSignals) => "_start_ " + Digits().Replace(Grammar.Names.Mark(normalised), "0") + clauseSignals;

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

        private static readonly float[] L2s = [0.00003f, 0.0001f, 0.0003f];
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
