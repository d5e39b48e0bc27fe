using Negotiation.Bot.Cli;

namespace Negotiation.Bot.Tests.Cli;

/// <summary><c>serve</c> with a wrong setting: one clear message naming it, no stack trace, and a distinct exit code.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_InvalidSetting_ExitsWithTheSettingNamedAndNoStackTrace()
    {
        using var error = new StringWriter();

        var code = await BotCli.RunAsync(["--urls", "http://127.0.0.1:0", "--Conversations:MinConfidence=7"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(BotCli.InvalidSettings, code);
        Assert.Contains("Conversations:MinConfidence", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
