using System.Text.Json;
using Negotiation.Conversations.Inbound;
using Negotiation.Teams.Wire;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>Activities normalised (protocols.md B1, B5): mentions stripped by entity, thread roots, commands, bots, tenants.</summary>
public sealed class TeamsActivityReaderTests
{
    private const string Mention = """{"type":"mention","text":"<at>Coach</at>","mentioned":{"id":"28:bot","name":"Coach"}}""";

    private static JsonElement Activity(string text, string conversationId = "19:c@thread.tacv2;messageid=1481567603816", string type = "channel", string from = "29:dana", bool mention = true) =>
        JsonDocument.Parse($$$$"""
        {"type":"message","id":"1481567603999","timestamp":"2026-11-27T03:00:00Z","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams",
         "from":{"id":"{{{{from}}}}","name":"Dana"},"recipient":{"id":"28:bot","name":"Coach"},
         "conversation":{"id":"{{{{conversationId}}}}","conversationType":"{{{{type}}}}","tenantId":"t1"},
         "text":{{{{JsonSerializer.Serialize(text)}}}},
         "entities":[{{{{(mention ? Mention : "")}}}}],
         "channelData":{"tenant":{"id":"t1"},"team":{"id":"19:team"},"channel":{"id":"19:c@thread.tacv2"}}}
        """).RootElement;

    [Fact]
    public void MentionThenSubcommand_IsACommandWithoutTheMention()
    {
        var read = TeamsActivityReader.ReadMessage(Activity("<at>Coach</at> start Acme renewal trading"))!;

        var command = Assert.IsType<InboundCommand>(read.Activity);
        Assert.Equal("start Acme renewal trading", command.Text);
        Assert.Equal(new Domain.Deals.ChannelKey("msteams", "t1", "19:c@thread.tacv2"), command.Channel);
        Assert.Equal("1481567603816", command.ThreadId);
        Assert.Equal("1481567603999", command.MessageId);
    }

    [Fact]
    public void MentionThenChat_IsAMessageForTheLanguageEngine()
    {
        var read = TeamsActivityReader.ReadMessage(Activity("<at>Coach</at> we gave them net-60"))!;

        Assert.Equal("we gave them net-60", Assert.IsType<InboundMessage>(read.Activity).Text);
    }

    [Fact]
    public void SubcommandWithoutMentionInAChannel_IsChat()
    {
        var read = TeamsActivityReader.ReadMessage(Activity("give them net-60", mention: false))!;

        Assert.IsType<InboundMessage>(read.Activity);
    }

    [Fact]
    public void SubcommandInAPersonalChat_IsACommand()
    {
        var read = TeamsActivityReader.ReadMessage(Activity("help", conversationId: "a:1xyz", type: "personal", mention: false))!;

        Assert.Equal("help", Assert.IsType<InboundCommand>(read.Activity).Text);
        Assert.Null(read.Activity.ThreadId);
    }

    [Fact]
    public void BotSenderAndSelf_AreFlagged()
    {
        Assert.True(TeamsActivityReader.ReadMessage(Activity("hi", from: "28:other"))!.Activity.User.IsBot);
        Assert.True(TeamsActivityReader.ReadMessage(Activity("hi", from: "28:bot"))!.Activity.IsFromSelf);
    }

    [Fact]
    public void ThreadedConversationId_ReplacesAnyExistingSuffix()
    {
        Assert.Equal("19:c@thread.tacv2;messageid=42", TeamsActivityReader.Threaded("19:c@thread.tacv2;messageid=7", "42"));
        Assert.Equal("19:c@thread.tacv2", TeamsActivityReader.Threaded("19:c@thread.tacv2", "not-a-message-id"));
    }

    [Fact]
    public void TextOverTheLimit_IsIgnored()
    {
        Assert.Null(TeamsActivityReader.ReadMessage(Activity(new string('x', TeamsActivityReader.MaxTextLength + 1))));
    }
}
