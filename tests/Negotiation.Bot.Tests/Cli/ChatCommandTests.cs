using Negotiation.Bot.Cli;

namespace Negotiation.Bot.Tests.Cli;

public class ChatCommandTests
{
    [Fact]
    public async Task Chat_ReadsLinesUntilEndOfInputAndAnswersEach()
    {
        using var input = new StringReader("/deal start Globex renewal\n/deal phase propose\nDana: /deal give 2% off list\n");
        using var output = new StringWriter();

        var exit = await BotCli.RunAsync(["chat", "--now", "2026-11-26T09:00:00Z"], input, output, TextWriter.Null);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("Started deal \"Globex renewal\"", text, StringComparison.Ordinal);
        Assert.Contains("  3 Dana: /deal give 2% off list", text, StringComparison.Ordinal);
        Assert.Contains("If you are making a concession, what are you getting in return?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_LineWithoutSpeaker_IsSaidByYou()
    {
        using var input = new StringReader("/deal help\n");
        using var output = new StringWriter();

        await BotCli.RunAsync(["chat", "--format", "json"], input, output, TextWriter.Null);

        Assert.StartsWith("{\"line\":1,\"kind\":\"command_reply\"", output.ToString(), StringComparison.Ordinal);
    }
}
