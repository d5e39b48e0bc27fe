using System.Text.Json;

namespace Negotiation.Language.Classifier;

/// <summary>The trained models embedded in this assembly (written by <c>negotiation-bot train</c>), each with its card.</summary>
public static class ShippedModels
{
    private const string Prefix = "Negotiation.Language.Models.";

    /// <summary>The card of a shipped model, or null when it isn't shipped.</summary>
    public static ModelCard? Card(FeatureSet features)
    {
        using var stream = typeof(ShippedModels).Assembly.GetManifestResourceStream(Prefix + ModelCard.FileName(features) + ".json");
        return stream is null ? null : JsonSerializer.Deserialize<ModelCard>(stream, ModelCard.Json);
    }

    /// <summary>The feature set of the model marked default (the better on dev), n-grams when none is marked.</summary>
    public static FeatureSet DefaultFeatures =>
        Enum.GetValues<FeatureSet>().FirstOrDefault(f => Card(f)?.Default == true, FeatureSet.NGrams);

    /// <summary>Loads a shipped model; throws when it is missing or can't be read.</summary>
    public static MessageClassifier Load(FeatureSet features, ISentenceEmbedder? embedder)
    {
        var card = Card(features) ?? throw new FileNotFoundException($"No {features} model is shipped in {typeof(ShippedModels).Assembly.GetName().Name}.");
        using var model = typeof(ShippedModels).Assembly.GetManifestResourceStream(Prefix + ModelCard.FileName(features) + ".zip")
            ?? throw new FileNotFoundException($"The {features} model's card is shipped but not the model.");
        return MessageClassifier.Load(model, card, embedder);
    }
}
