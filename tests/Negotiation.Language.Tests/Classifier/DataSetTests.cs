using System.Security.Cryptography;
using System.Text.Json;

namespace Negotiation.Language.Tests.Classifier;

/// <summary>The labelled data set in <c>data/</c>: size, provenance, and a split fixed by each row's id.</summary>
public sealed class DataSetTests
{
    private static readonly string[] Splits = ["train", "dev", "test"];

    [Fact]
    public void DataSet_HasAtLeast2000Rows_And600HandWritten()
    {
        var rows = Splits.SelectMany(Read).ToList();

        Assert.True(rows.Count >= 2000, $"{rows.Count} rows");
        Assert.True(rows.Count(r => r.GetProperty("source").GetString() == "hand") >= 600);
    }

    [Fact]
    public void EveryRow_SitsInTheSplitItsIdHashesTo()
    {
        foreach (var split in Splits)
        {
            foreach (var row in Read(split))
            {
                var id = row.GetProperty("id").GetString()!;
                var bucket = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))) % 100;
                Assert.Equal(bucket < 70 ? "train" : bucket < 85 ? "dev" : "test", split);
            }
        }
    }

    [Fact]
    public void TuningFolds_AreFixedByIdAndEvenlySized()
    {
        var pool = new[] { "train", "dev" }.SelectMany(split => Negotiation.Language.Classifier.LabelledData.ReadFile(PathOf(split))).ToList();
        var folds = pool.Select(Negotiation.Language.Classifier.MessageClassifier.Fold).ToList();

        Assert.Equal(folds, pool.Select(Negotiation.Language.Classifier.MessageClassifier.Fold));
        Assert.All(Enumerable.Range(0, Negotiation.Language.Classifier.MessageClassifier.Folds), fold =>
            Assert.InRange(folds.Count(f => f == fold), pool.Count * 0.17, pool.Count * 0.23));
    }

    [Fact]
    public void Splits_ShareNoIdAndNoText()
    {
        var seen = new HashSet<string>();
        foreach (var row in Splits.SelectMany(Read))
        {
            Assert.True(seen.Add("id:" + row.GetProperty("id").GetString()), row.GetProperty("id").GetString());
            Assert.True(seen.Add("text:" + row.GetProperty("text").GetString()!.Trim().ToLowerInvariant()), row.GetProperty("id").GetString());
        }
    }

    [Fact]
    public void EverySplit_HasEveryLabel_AndSpansAreWordsOfTheMessage()
    {
        string[] labels = ["give", "get", "trade", "proposal", "other"];
        foreach (var split in Splits)
        {
            var rows = Read(split).ToList();
            Assert.All(labels, label => Assert.Contains(rows, r => r.GetProperty("label").GetString() == label));
            foreach (var row in rows)
            {
                var text = row.GetProperty("text").GetString()!;
                foreach (var span in new[] { "x", "y" })
                {
                    if (row.TryGetProperty(span, out var value))
                    {
                        Assert.Contains(value.GetString()!, text, StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryTerm_IsCovered()
    {
        var terms = Splits.SelectMany(Read).Select(r => r.GetProperty("term").GetString()).ToHashSet();

        Assert.Superset(terms, new HashSet<string?> { "price", "payment_terms", "delivery", "scope", "service_level", "contract_length", "timeline", "resources", "policy", "other" });
    }

    internal static string PathOf(string split) => Path.Combine(AppContext.BaseDirectory, "data", split + ".jsonl");

    private static IEnumerable<JsonElement> Read(string split) =>
        File.ReadLines(PathOf(split)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone());
}
