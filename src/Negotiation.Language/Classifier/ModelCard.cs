using System.Text.Json;
using System.Text.Json.Serialization;

namespace Negotiation.Language.Classifier;

/// <summary>The text features a classifier was trained on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureSet>))]
public enum FeatureSet
{
    /// <summary>Word and character n-grams of the text with names marked and the rule reader's clause signals, plus the linguistic cues.</summary>
    NGrams,

    /// <summary>MiniLM sentence embeddings (384 dimensions), plus the linguistic cues.</summary>
    Embeddings,

    /// <summary>Both: the n-grams (as above), the sentence embedding and the linguistic cues.</summary>
    Combined,
}

/// <summary>What a shipped model is and how it was made: stored beside it, read at load.</summary>
/// <param name="Features">The feature set.</param>
/// <param name="GiveThreshold">A give is called only at or above this probability (tuned by cross-validation).</param>
/// <param name="GiveThresholdWithRules">The same when the rule reader is itself sure it is our give (tuned the same way).</param>
/// <param name="Default">True for the model the embedded engine uses unless configured otherwise (the best cross-validated).</param>
/// <param name="TrainRows">Rows it was trained on.</param>
/// <param name="DataSha256">SHA-256 of the train and dev files it was fitted on (<see cref="DataHash"/>), so a stale model is caught by a test.</param>
/// <param name="TuningMacroF1">Out-of-fold macro-F1 over train and dev (cross-validated), which chose the setting.</param>
/// <param name="TuningGivePrecision">Out-of-fold give precision over train and dev at the chosen thresholds.</param>
/// <param name="TuningGiveRecall">Out-of-fold give recall over train and dev at the chosen thresholds.</param>
public sealed record ModelCard(FeatureSet Features, double GiveThreshold, double GiveThresholdWithRules, bool Default, int TrainRows, string DataSha256, double TuningMacroF1, double TuningGivePrecision, double TuningGiveRecall)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string DataHash(byte[] train, byte[] dev) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. train, .. dev]));

    public static string FileName(FeatureSet features) => "interpreter-" + Name(features);

    /// <summary>The engine name used in settings and logs: ngrams, embeddings or combined.</summary>
    public static string Name(FeatureSet features) => features.ToString().ToLowerInvariant();

    [JsonIgnore]
    public bool NeedsEmbeddings => Features != FeatureSet.NGrams;
}
