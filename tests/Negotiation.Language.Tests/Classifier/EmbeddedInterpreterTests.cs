using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Language;
using Negotiation.Language.Classifier;

namespace Negotiation.Language.Tests.Classifier;

public sealed class EmbeddedInterpreterTests
{
    private static readonly InterpretationContext Context = new(new DateOnly(2026, 3, 2));

    [Theory]
    [InlineData(EngineChoice.NGrams, "ngrams")]
    [InlineData(EngineChoice.Embeddings, "embeddings")]
    [InlineData(EngineChoice.Combined, "combined")]
    [InlineData(EngineChoice.Rules, "rules")]
    public async Task ConfiguredEngine_Loads_AndReadsAGive(EngineChoice choice, string name)
    {
        using var interpreter = new EmbeddedInterpreter(new LanguageOptions { Engine = choice }, new ListLogger());

        var result = await interpreter.InterpretAsync("we gave them net-60 on the renewal", Context);

        Assert.Equal(name, interpreter.EngineName);
        Assert.Equal(MessageLabel.Give, result.Label);
    }

    [Fact]
    public void Auto_UsesTheModelMarkedDefault()
    {
        using var interpreter = new EmbeddedInterpreter(new LanguageOptions(), new ListLogger());

        Assert.Equal(ModelCard.Name(ShippedModels.DefaultFeatures), interpreter.EngineName);
    }

    [Fact]
    public async Task ModelThatCannotLoad_FallsToTheNextEngine_AndIsLoggedOnce()
    {
        var logger = new ListLogger();
        using var interpreter = new EmbeddedInterpreter(new LanguageOptions { Engine = EngineChoice.Embeddings }, logger, features =>
            features == FeatureSet.Embeddings ? throw new InvalidDataException("corrupt model") : (ShippedModels.Load(features, null), null));

        await interpreter.InterpretAsync("we gave them net-60", Context);
        await interpreter.InterpretAsync("they agreed to 3 years", Context);

        Assert.Equal("ngrams", interpreter.EngineName);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("embeddings", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoModelLoads_TheRulesAnswer()
    {
        var logger = new ListLogger();
        using var interpreter = new EmbeddedInterpreter(new LanguageOptions { Engine = EngineChoice.Embeddings }, logger, _ => throw new FileNotFoundException("gone"));

        var result = await interpreter.InterpretAsync("we gave them net-60", Context);

        Assert.Equal("rules", interpreter.EngineName);
        Assert.Equal(MessageLabel.Give, result.Label);
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Warning));
    }

    private sealed class ListLogger : ILogger<EmbeddedInterpreter>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
