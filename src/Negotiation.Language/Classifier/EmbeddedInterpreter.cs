using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Language;
using Negotiation.Language.Rules;

namespace Negotiation.Language.Classifier;

/// <summary>
/// The default interpreter: the configured engine, loaded on first use. When a model can't load, the next engine
/// down (embeddings or combined → n-grams → rules) takes over and the failure is logged once.
/// </summary>
public sealed partial class EmbeddedInterpreter : IMessageInterpreter, IDisposable
{
    private readonly Lazy<(IMessageInterpreter Engine, string Name, IDisposable? Owned)> engine;

    public EmbeddedInterpreter(LanguageOptions options, ILogger<EmbeddedInterpreter> logger)
        : this(options, logger, LoadShipped)
    {
    }

    /// <summary>With another model source (tests use one that fails, to see the fallback).</summary>
    internal EmbeddedInterpreter(LanguageOptions options, ILogger<EmbeddedInterpreter> logger, Func<FeatureSet, (MessageClassifier, IDisposable?)> load)
    {
        ArgumentNullException.ThrowIfNull(options);
        engine = new(() => Load(options.Engine, logger, load), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The engine in use ("ngrams", "embeddings", "combined" or "rules"); loads it if needed.</summary>
    public string EngineName => engine.Value.Name;

    public ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default) =>
        engine.Value.Engine.InterpretAsync(text, context, cancellationToken);

    public void Dispose()
    {
        if (engine.IsValueCreated)
        {
            engine.Value.Owned?.Dispose();
        }
    }

    internal static IEnumerable<FeatureSet> Order(EngineChoice choice) => choice switch
    {
        EngineChoice.Rules => [],
        EngineChoice.NGrams => [FeatureSet.NGrams],
        EngineChoice.Embeddings => [FeatureSet.Embeddings, FeatureSet.NGrams],
        EngineChoice.Combined => [FeatureSet.Combined, FeatureSet.NGrams],
        _ => ShippedModels.DefaultFeatures == FeatureSet.NGrams ? [FeatureSet.NGrams] : [ShippedModels.DefaultFeatures, FeatureSet.NGrams],
    };

    private static (IMessageInterpreter, string, IDisposable?) Load(EngineChoice choice, ILogger logger, Func<FeatureSet, (MessageClassifier, IDisposable?)> load)
    {
        foreach (var features in Order(choice))
        {
            try
            {
                var (classifier, embedder) = load(features);
                var name = Name(features);
                LogLoaded(logger, name, classifier.Card.TuningMacroF1);
                return (new TrainedInterpreter(classifier), name, new Owned(classifier, embedder));
            }
#pragma warning disable CA1031 // Any failure to load a model means "use the next engine", never "stop the bot".
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFallback(logger, e, Name(features));
            }
        }

        return (new RuleBasedInterpreter(), "rules", null);
    }

    private static (MessageClassifier, IDisposable?) LoadShipped(FeatureSet features)
    {
        var embedder = features == FeatureSet.NGrams ? null : new MiniLmEmbedder();
        try
        {
            return (ShippedModels.Load(features, embedder), embedder);
        }
        catch
        {
            embedder?.Dispose();
            throw;
        }
    }

    private static string Name(FeatureSet features) => ModelCard.Name(features);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Language engine: {Engine} classifier loaded (cross-validated macro-F1 {MacroF1:F3})")]
    private static partial void LogLoaded(ILogger logger, string engine, double macroF1);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Language engine: the {Engine} model could not load; falling back to the next engine")]
    private static partial void LogFallback(ILogger logger, Exception exception, string engine);

    private sealed class Owned(MessageClassifier classifier, IDisposable? embedder) : IDisposable
    {
        public void Dispose()
        {
            classifier.Dispose();
            embedder?.Dispose();
        }
    }
}
