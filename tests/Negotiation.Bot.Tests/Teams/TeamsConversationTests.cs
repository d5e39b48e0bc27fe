using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Negotiation.Teams.Http;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>
/// Teams end to end at the wire: signed activities in, replies out through a local fake connector that records
/// every call. Threads, redelivery, rate limits, a removed bot, proactive Align posts, invokes and the message action.
/// </summary>
public sealed class TeamsConversationTests : IAsyncLifetime
{
    private const string Give = "we agreed to extend payment terms to net-60";
    private TeamsHarness _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsHarness.StartAsync();

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private static string Thread(string root) => $"{TeamsHarness.Channel};messageid={root}";

    [Fact]
    public async Task GiveInAChannelThread_GetsOneReciprocityPromptInThatThread()
    {
        await _teams.StartDealAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("200", Give))).StatusCode);
        await _teams.DrainedAsync();

        var reply = Assert.Single(_teams.RepliesIn(Thread("200")));
        Assert.Equal("POST", reply.Method);
        Assert.Contains("/v3/conversations/19%3Adeal-room%40thread.tacv2%3Bmessageid%3D200/activities", reply.Path, StringComparison.Ordinal);
        Assert.Equal("Bearer " + FakeTeamsConnector.IssuedToken, reply.Authorization);
        Assert.Contains("What are we getting in return?", reply.CardText, StringComparison.Ordinal);
        var card = Assert.Single(reply.Cards);
        Assert.Equal("1.5", (string?)card["version"]);
        var verbs = card.ToJsonString();
        Assert.Contains("\"verb\":\"log_get\"", verbs, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Quiet here\"", verbs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveredActivity_StillGetsOneReply()
    {
        await _teams.StartDealAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("200", Give))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("200", Give))).StatusCode);
        await _teams.DrainedAsync();

        Assert.Single(_teams.RepliesIn(Thread("200")));
    }

    [Fact]
    public async Task RateLimitedThenAccepted_DeliversOneReply()
    {
        await _teams.StartDealAsync();
        _teams.Connector.FailNext(429, retryAfter: "0");

        await _teams.PostAsync(_teams.ChannelMessage("200", Give));
        await _teams.DrainedAsync();

        var calls = _teams.Connector.Calls.Where(c => c.ConversationId == Thread("200")).ToList();
        Assert.Equal([429, 201], calls.Select(c => c.Status));
        Assert.Single(_teams.RepliesIn(Thread("200")));
    }

    [Fact]
    public async Task BotRemovedFromTheConversation_MarksTheReferenceGone()
    {
        await _teams.StartDealAsync();
        _teams.Connector.FailNext(403);

        await _teams.PostAsync(_teams.ChannelMessage("200", Give));
        var ready = await _teams.DrainedAsync();

        Assert.Empty(_teams.RepliesIn(Thread("200")));
        Assert.Equal(1, ready.GetProperty("outbox").GetProperty("parked").GetInt32());
        await using var connection = new SqliteConnection($"Data Source={_teams.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT gone_at_ms FROM conversation_references WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", TeamsHarness.Channel);
        Assert.IsType<long>(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AlignInAnotherPost_PostsTheSummaryIntoTheDealThread()
    {
        await _teams.StartDealAsync();
        await _teams.PostAsync(_teams.ChannelMessage("200", Give));

        await _teams.PostAsync(_teams.ChannelMessage("300", "align"));
        await _teams.DrainedAsync();

        Assert.Contains(_teams.RepliesIn(Thread("100")), r => r.CardText.Contains("Align", StringComparison.Ordinal) && r.CardText.Contains("extend payment terms", StringComparison.Ordinal));
        Assert.Empty(_teams.RepliesIn(Thread("300")));
    }

    [Fact]
    public async Task HelpInAPersonalChat_AnswersInThatChat()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.PersonalMessage("p1", "help"))).StatusCode);
        await _teams.DrainedAsync();

        var reply = Assert.Single(_teams.RepliesIn("a:1personal-chat"));
        Assert.Contains("Negotiation Coach commands", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesFromBots_AreIgnored()
    {
        var response = await _teams.PostAsync(_teams.ChannelMessage("200", "help", user: "28:another-bot"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task NotAGiveButton_AnswersWithTheUpdatedCardAndRecordsTheCorrection()
    {
        await _teams.StartDealAsync();
        var value = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"not_a_give","data":{"action":"not_a_give","value":"1","give":"net-60"}},"trigger":"manual"}""")!;

        var response = await _teams.PostAsync(_teams.Invoke("inv-1", "adaptiveCard/action", value, root: "200"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Contains("Marked as not a give.", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(4, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task UnhandledInvoke_Is501()
    {
        var response = await _teams.PostAsync(_teams.Invoke("inv-1", "composeExtension/query", new JsonObject(), root: "200"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task UnknownActivityTypeAndReactions_Are200AndIgnored()
    {
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(_teams.Activity("somethingNew", "x1", TeamsHarness.Channel, "channel", "29:dana", null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(_teams.Activity("messageReaction", "x2", TeamsHarness.Channel, "channel", "29:dana", null))).StatusCode);

        Assert.Equal(0, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task RephraseMessageAction_ReturnsTheRewriteAsACard()
    {
        var value = JsonNode.Parse("""{"commandId":"rephraseAsTrade","commandContext":"message","messagePayload":{"id":"555","body":{"contentType":"html","content":"<p>We can extend payment terms to net-60</p>"}}}""")!;

        var response = await _teams.PostAsync(_teams.Invoke("inv-2", "composeExtension/submitAction", value, root: "555"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("result", (string?)body["composeExtension"]!["type"]);
        Assert.Contains("As a trade", body["composeExtension"]!["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotAddedToATeam_GreetsTheChannelOnce()
    {
        JsonObject Added(string id) => _teams.Activity("conversationUpdate", id, TeamsHarness.Channel, "channel", "29:dana", null, a =>
            a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHarness.BotId }));

        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(Added("u1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(Added("u2"))).StatusCode);
        await _teams.DrainedAsync();

        var greeting = Assert.Single(_teams.RepliesIn(TeamsHarness.Channel));
        Assert.Contains(TeamsDispatcher.Greeting, greeting.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityWithoutAType_IsABadRequestAndNothingRecorded()
    {
        var activity = _teams.ChannelMessage("200", "help");
        activity.Remove("type");

        var response = await _teams.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task PlanCommand_PostsThePlanFormAndItsSubmitRecordsThePlan()
    {
        await _teams.StartDealAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("400", "plan"))).StatusCode);
        var form = Assert.Single(_teams.RepliesIn(Thread("400")));
        Assert.Contains("Input.ChoiceSet", form.RawBody, StringComparison.Ordinal);
        Assert.Contains("plan_submit", form.RawBody, StringComparison.Ordinal);

        var submit = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"plan_submit","data":{"action":"plan_submit","deal":"Acme renewal","term":"price","opening":"$480k","target":"$450k-$465k","walkaway":"$430k","want":"two-year term","wantValue":"$40k"}}}""")!;
        var response = await _teams.PostAsync(_teams.Invoke("inv-plan", "adaptiveCard/action", submit, root: "400"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("Saved: price opening $480k target $450k-$465k walkaway $430k; want two-year term value $40k", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(3 + 2, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task PlanFormWithBadAmounts_ComesBackWithTheProblemAndRecordsNothing()
    {
        await _teams.StartDealAsync();
        var submit = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"plan_submit","data":{"action":"plan_submit","deal":"Acme renewal","term":"price","opening":"lots","wantValue":"$40k"}}}""")!;

        var response = await _teams.PostAsync(_teams.Invoke("inv-plan", "adaptiveCard/action", submit, root: "400"));

        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.ToJsonString();
        Assert.Contains("Term plan:", card, StringComparison.Ordinal);
        Assert.Contains("Want: say what it is", card, StringComparison.Ordinal);
        Assert.Contains("lots", card, StringComparison.Ordinal); // what was typed stays on the form
        Assert.Equal(3, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task SubmitFallbackFromAnOlderClient_RecordsTheCorrectionAndUpdatesTheCardWithPut()
    {
        await _teams.StartDealAsync();
        var activity = _teams.ChannelMessage("500", "", mention: false);
        activity["text"] = "";
        activity["replyToId"] = "1700000000123";
        activity["value"] = JsonNode.Parse("""{"action":"not_a_give","value":"1","give":"net-60"}""");

        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(activity)).StatusCode);

        var update = Assert.Single(_teams.Connector.Delivered, c => c.Method == "PUT");
        Assert.Equal("1700000000123", update.ActivityId);
        Assert.Contains("Marked as not a give.", update.CardText, StringComparison.Ordinal);
        Assert.Equal(4, await _teams.CountAsync("inbox"));
    }

    [Fact]
    public async Task OutboundToken_IsFetchedOnceForManyReplies()
    {
        await _teams.StartDealAsync();
        await _teams.PostAsync(_teams.ChannelMessage("200", Give));
        await _teams.DrainedAsync();

        Assert.True(_teams.Connector.Delivered.Count >= 4);
        var token = Assert.Single(_teams.Connector.Calls, c => c.Path.EndsWith("/token", StringComparison.Ordinal));
        Assert.Contains("grant_type=client_credentials", token.RawBody, StringComparison.Ordinal);
        Assert.Contains("scope=https://api.botframework.com/.default", token.RawBody, StringComparison.Ordinal);
    }
}
