using System.Text.Json;

namespace Negotiation.Bot.Tests.Cli;

/// <summary><c>interpret</c>, <c>rephrase</c> and <c>eval</c> as a user runs them, on the shipped engine.</summary>
public sealed class LanguageCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("negotiation-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Interpret_Json_GivesLabelConfidenceTermAmountsAndSpans()
    {
        var (exit, output, error) = await ReplayCommandTests.RunAsync("interpret", "I told them we'd drop to $92k", "--format", "json");

        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("give", root.GetProperty("label").GetString());
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0.6, 1.0);
        Assert.Equal("price", root.GetProperty("term").GetString());
        var amount = Assert.Single(root.GetProperty("amounts").EnumerateArray());
        Assert.Equal(92000m, amount.GetProperty("value").GetDecimal());
        Assert.Equal("USD", amount.GetProperty("unit").GetString());
        Assert.Contains("$92k", root.GetProperty("x").GetString(), StringComparison.Ordinal);
        Assert.True(root.TryGetProperty("y", out _));
    }

    [Fact]
    public async Task Rephrase_Json_WritesTheTradeForm_OrARefusal()
    {
        var (exit, output, _) = await ReplayCommandTests.RunAsync("rephrase", "we're extending payment terms to net-60", "--format", "json");
        var (refusedExit, refused, _) = await ReplayCommandTests.RunAsync("rephrase", "{{<script>alert(1)</script>}}", "--format", "json");

        Assert.Equal(0, exit);
        var ok = JsonDocument.Parse(output).RootElement;
        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.Matches(@"^If we .+, could you .+\?$", ok.GetProperty("text").GetString());
        Assert.Contains("net-60", ok.GetProperty("x").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(ok.GetProperty("y").GetString()));
        Assert.Equal(0, refusedExit);
        var no = JsonDocument.Parse(refused).RootElement;
        Assert.False(no.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrEmpty(no.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task File_WritesOneResultPerLine_CarryingEachId()
    {
        var input = Path.Combine(folder, "in.jsonl");
        await File.WriteAllLinesAsync(input, ["{\"id\": \"a\", \"text\": \"they agreed to a 3-year term\"}", "", "{\"id\": 7, \"text\": \"we gave them net-60\"}"]);

        var (exit, output, error) = await ReplayCommandTests.RunAsync("interpret", "--file", input);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("get", lines[0].GetProperty("label").GetString());
        Assert.Equal(7, lines[1].GetProperty("id").GetInt32());
        Assert.Equal("give", lines[1].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Eval_Json_ReportsAccuracyMacroF1LabelsAndConfusion()
    {
        var input = Path.Combine(folder, "gold.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            "{\"text\": \"we gave them net-60\", \"label\": \"give\", \"term\": \"ignored\"}",
            "{\"text\": \"they agreed to a 3-year term\", \"label\": \"get\"}",
            "{\"text\": \"call moved to 3pm\", \"label\": \"other\"}",
        ]);

        var (exit, output, error) = await ReplayCommandTests.RunAsync("eval", input, "--format", "json");

        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, root.GetProperty("n").GetInt32());
        Assert.Equal(1.0, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(1.0, root.GetProperty("macro_f1").GetDouble());
        Assert.Equal(1, root.GetProperty("labels").GetProperty("give").GetProperty("support").GetInt32());
        Assert.Equal(1.0, root.GetProperty("labels").GetProperty("get").GetProperty("recall").GetDouble());
        Assert.Equal(1, root.GetProperty("confusion").GetProperty("other").GetProperty("other").GetInt32());
        Assert.Equal(0, root.GetProperty("confusion").GetProperty("give").GetProperty("other").GetInt32());
    }

    [Theory]
    [InlineData("{\"text\": \"ok\", \"label\": \"give\"}\n{\"text\": \"ok\", \"label\": \"maybe\"}", "line 2")]
    [InlineData("{\"text\": \"ok\", \"label\": \"give\"}\n\n{broken", "line 3")]
    public async Task Eval_BadLine_ExitsWith2_NamingTheLine(string content, string named)
    {
        var input = Path.Combine(folder, "bad.jsonl");
        await File.WriteAllTextAsync(input, content);

        var (exit, output, error) = await ReplayCommandTests.RunAsync("eval", input);

        Assert.Equal(2, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Interpret_BadFileLine_ExitsWith2_BeforeWritingAnything()
    {
        var input = Path.Combine(folder, "bad.jsonl");
        await File.WriteAllLinesAsync(input, ["{\"id\": 1, \"text\": \"we gave them net-60\"}", "{\"id\": 2, \"words\": \"no text\"}"]);

        var (exit, output, error) = await ReplayCommandTests.RunAsync("interpret", "--file", input);

        Assert.Equal(2, exit);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }
}
