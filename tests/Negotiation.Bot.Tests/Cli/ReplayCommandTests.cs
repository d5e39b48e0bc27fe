using System.Text.Json;
using Negotiation.Bot.Cli;

namespace Negotiation.Bot.Tests.Cli;

public class ReplayCommandTests
{
    private const string Now = "2026-11-26T09:00:00Z";

    private static readonly HashSet<string> Kinds =
    [
        "reciprocity_prompt", "trade_logged", "rephrase", "align_summary", "command_reply", "error",
        "warning:double_give", "warning:larger_than_last", "warning:too_early", "warning:past_limit", "warning:label_it",
    ];

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "transcripts", name);

    internal static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCli.RunAsync(args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    internal static async Task<List<(int Line, string Kind, string Text)>> ReplayJsonAsync(string path)
    {
        var (exit, output, error) = await RunAsync("replay", path, "--format", "json", "--now", Now);
        Assert.True(exit == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(["line", "kind", "text"], root.EnumerateObject().Select(p => p.Name));
            return (root.GetProperty("line").GetInt32(), root.GetProperty("kind").GetString()!, root.GetProperty("text").GetString()!);
        }).ToList();
    }

    [Fact]
    public async Task Replay_Json_PrintsOneObjectPerReplyPartWithTheSourceLine()
    {
        var output = await ReplayJsonAsync(Fixture("every-rule.txt"));

        Assert.All(output, o => Assert.Contains(o.Kind, Kinds));
        // Line 5: the give before Propose gets the prompt and, as its single warning, too_early — two objects, one line.
        Assert.Equal(["reciprocity_prompt", "warning:too_early"], output.Where(o => o.Line == 5).Select(o => o.Kind));
    }

    [Theory]
    [InlineData(7, "trade_logged")]
    [InlineData(8, "warning:larger_than_last")]
    [InlineData(9, "warning:double_give")]
    [InlineData(10, "trade_logged")]
    [InlineData(11, "warning:past_limit")]
    [InlineData(12, "rephrase")]
    [InlineData(15, "align_summary")]
    public async Task Replay_EveryRuleFixture_AnswersEachLineAsExpected(int line, string kind)
    {
        var output = await ReplayJsonAsync(Fixture("every-rule.txt"));
        Assert.Contains(output, o => o.Line == line && o.Kind == kind);
    }

    [Fact]
    public async Task Replay_LabelledFirstGiveInPropose_WarnsOnlyToLabelIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"label-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, ["Dana: /deal start Globex renewal", "Dana: /deal phase propose", "Dana: /deal give 2% off list"]);
        try
        {
            var output = await ReplayJsonAsync(path);
            Assert.Equal(["reciprocity_prompt", "warning:label_it"], output.Where(o => o.Line == 3).Select(o => o.Kind));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Replay_AlignSummary_NamesWhatIsStillMissing()
    {
        var output = await ReplayJsonAsync(Fixture("every-rule.txt"));
        var summary = Assert.Single(output, o => o.Kind == "align_summary").Text;

        Assert.Contains("Final terms:", summary, StringComparison.Ordinal);
        Assert.Contains("Next step \"Send order form\" has no owner and no deadline", summary, StringComparison.Ordinal);
        Assert.Contains("@dana: 11% off list", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_Text_ShowsWhatWasSaidAndTheBotsAnswers()
    {
        var (exit, output, _) = await RunAsync("replay", Fixture("every-rule.txt"), "--now", Now);

        Assert.Equal(0, exit);
        Assert.Contains("  5 Dana: /deal give 2% off list", output, StringComparison.Ordinal);
        Assert.Contains("coach [reciprocity_prompt] Give logged (#1): 2% off list.", output, StringComparison.Ordinal);
        Assert.Contains("coach → Dana only [rephrase]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_MalformedLines_AreReportedAsErrorsWithTheirLineNumbers()
    {
        var output = await ReplayJsonAsync(Fixture("malformed.txt"));

        Assert.Equal(
            [(4, "error"), (5, "error"), (6, "error")],
            output.Where(o => o.Line > 1).Select(o => (o.Line, o.Kind)));
        Assert.Contains("expected \"Name: text\"", output.Single(o => o.Line == 4).Text, StringComparison.Ordinal);
        Assert.Contains("Usage: /deal phase", output.Single(o => o.Line == 5).Text, StringComparison.Ordinal);
        Assert.Contains("don't know the command", output.Single(o => o.Line == 6).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_MissingFile_ExitsWithTwoAndSaysSo()
    {
        var (exit, output, error) = await RunAsync("replay", Fixture("no-such-transcript.txt"));

        Assert.Equal(BotCli.FileError, exit);
        Assert.Equal("", output);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_InvalidUtf8_ExitsWithTwoAndSaysSo()
    {
        var (exit, _, error) = await RunAsync("replay", Fixture("not-utf8.txt"));

        Assert.Equal(BotCli.FileError, exit);
        Assert.Contains("not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_Directory_ExitsWithTwo()
    {
        var (exit, _, error) = await RunAsync("replay", AppContext.BaseDirectory);

        Assert.Equal(BotCli.FileError, exit);
        Assert.Contains("can't read transcript", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_SameTranscriptTwice_PrintsTheSameOutput()
    {
        var first = await RunAsync("replay", Fixture("every-rule.txt"), "--format", "json", "--now", Now);
        var second = await RunAsync("replay", Fixture("every-rule.txt"), "--format", "json", "--now", Now);

        Assert.Equal(first.Output, second.Output);
    }
}
