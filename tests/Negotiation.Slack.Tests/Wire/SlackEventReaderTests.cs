using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Inbound;
using Negotiation.Slack.Wire;

namespace Negotiation.Slack.Tests.Wire;

/// <summary>protocols.md A2: which events become messages, threads, mentions and dedupe keys.</summary>
public class SlackEventReaderTests
{
    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "slack", name)))!.AsObject();

    private static SlackInbound? Read(JsonObject body)
    {
        using var json = JsonDocument.Parse(body.ToJsonString());
        return SlackEventReader.Read(json.RootElement);
    }

    [Fact]
    public void Read_ThreadReply_KeepsThreadTsAndBothDedupeKeys()
    {
        var inbound = Read(Fixture("message-thread-reply.json"));

        var message = Assert.IsType<InboundMessage>(inbound!.Activity);
        Assert.Equal("we gave them net-60 payment terms", message.Text);
        Assert.Equal("1732612700.000100", message.ThreadId);
        Assert.Equal("1732612800.000200", message.MessageId);
        Assert.Equal("1732612700.000100", message.ReplyThreadId);
        Assert.Equal(new Domain.Deals.ChannelKey("slack", "T1", "C1"), message.Channel);
        Assert.Equal(["slack:Ev01", "slack:T1:C1:1732612800.000200"], inbound.Keys);
    }

    [Fact]
    public void Read_TopLevelMessage_RepliesInItsOwnThread()
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!.AsObject().Remove("thread_ts");

        var message = Read(body)!.Activity;

        Assert.Null(message.ThreadId);
        Assert.Equal("1732612800.000200", message.ReplyThreadId);
    }

    [Fact]
    public void Read_AppMentionWithDealWords_IsACommandWithTheMentionStripped()
    {
        var command = Assert.IsType<InboundCommand>(Read(Fixture("app-mention.json"))!.Activity);
        Assert.Equal("give 5% off list", command.Text);
    }

    [Fact]
    public void Read_MentionInsideChat_IsStripped()
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["text"] = "<@UBOT> we gave them net-60";

        Assert.Equal("we gave them net-60", Assert.IsType<InboundMessage>(Read(body)!.Activity).Text);
    }

    [Theory]
    [InlineData("bot_message")]
    [InlineData("message_changed")]
    [InlineData("message_deleted")]
    [InlineData("channel_join")]
    [InlineData("channel_leave")]
    [InlineData("channel_topic")]
    [InlineData("message_replied")]
    public void Read_IgnoredSubtype_IsNull(string subtype)
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["subtype"] = subtype;

        Assert.Null(Read(body));
    }

    [Fact]
    public void Read_ThreadBroadcast_IsARealReply()
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["subtype"] = "thread_broadcast";

        Assert.NotNull(Read(body));
    }

    [Fact]
    public void Read_FromTheBotItself_IsFlaggedSelf()
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["user"] = "UBOT";

        Assert.True(Read(body)!.Activity.IsFromSelf);
    }

    [Fact]
    public void Read_WithBotId_IsFlaggedBot()
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["bot_id"] = "B999";

        Assert.True(Read(body)!.Activity.User.IsBot);
    }

    [Theory]
    [InlineData("reaction_added")]
    [InlineData("member_joined_channel")]
    [InlineData("app_home_opened")]
    public void Read_OtherEventTypes_AreNull(string type)
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["type"] = type;

        Assert.Null(Read(body));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("channel")]
    [InlineData("ts")]
    [InlineData("text")]
    public void Read_MissingField_IsNull(string field)
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!.AsObject().Remove(field);

        Assert.Null(Read(body));
    }

    [Fact]
    public void Read_FieldOfTheWrongType_IsNullNotAnException()
    {
        var body = Fixture("message-thread-reply.json");
        body["event"]!["text"] = 42;
        body["event_id"] = new JsonArray();

        Assert.Null(Read(body));
    }
}
