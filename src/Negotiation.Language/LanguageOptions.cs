namespace Negotiation.Language;

/// <summary>Which embedded engine reads chat messages.</summary>
public enum EngineChoice
{
    /// <summary>The shipped model marked default: the better of the two on the dev split.</summary>
    Auto,

    /// <summary>The classifier over word and character n-grams.</summary>
    NGrams,

    /// <summary>The classifier over MiniLM sentence embeddings.</summary>
    Embeddings,

    /// <summary>The classifier over n-grams and sentence embeddings together.</summary>
    Combined,

    /// <summary>The hand-written rules alone (no trained model).</summary>
    Rules,
}

/// <summary>Settings of the language engine (configuration section <c>Language</c>).</summary>
public sealed class LanguageOptions
{
    public const string Section = "Language";

    /// <summary>The embedded engine; when it can't load, the next one down (embeddings → n-grams → rules) is used.</summary>
    public EngineChoice Engine { get; set; } = EngineChoice.Auto;
}
