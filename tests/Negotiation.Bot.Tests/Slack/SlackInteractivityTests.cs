using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Handlers;
using Negotiation.Slack.Http;
using Negotiation.Slack.Mapping;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Slack;

/// <summary>The <c>/deal</c> slash command, buttons, modals and the message shortcut at the wire (protocols.md A3, A4).</summary>
public sealed class SlackInteractivityTests : IAsyncLifetime
{
    private const string Thread = "1732612700.000100";
    private SlackHarness _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Help_IsAnsweredInline_OnlyToTheAsker()
    {
        var response = await _slack.SlashAsync("help", "t-help");

        var answer = await Json(response);
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Contains("/deal give", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        await _slack.DrainedAsync();
        Assert.Empty(_slack.CallsExceptReadinessCheck);
    }

    [Theory]
    [InlineData("frobnicate", "I don't know the command")]
    [InlineData("quiet maybe", "Say quiet on or quiet off.")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;")]
    public async Task UnknownOrMalformedSubcommand_GetsTheUsageInline_AndChangesNothing(string text, string expected)
    {
        var answer = await Json(await _slack.SlashAsync(text, "t-bad"));

        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Contains(expected, answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        var ready = await _slack.DrainedAsync();
        Assert.Equal(0, ready.GetProperty("inbox").GetProperty("parked").GetInt32());
        Assert.Empty(_slack.CallsExceptReadinessCheck);
    }

    [Fact]
    public async Task CommandWithoutTeamOrChannel_GetsAClearError_NotA500()
    {
        using var request = _slack.Signer.Form("/slack/commands", [new("command", "/deal"), new("text", "ledger")]);

        var response = await _slack.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("without its team", (await Json(response)).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_GoesToTheAskerByResponseUrl_LedgerShareAndAlign_PostForTheChannel()
    {
        await _slack.StartDealAsync();
        await _slack.SlashAsync("give 5% off list", "t-give");

        var mine = await _slack.SlashAndWaitAsync("ledger", "t-ledger");
        var postsBefore = _slack.Slack.CallsTo("chat.postMessage").Count;
        await _slack.SlashAsync("ledger share", "t-share");
        await _slack.SlashAsync("align", "t-align");
        await _slack.DrainedAsync();

        Assert.Equal("ephemeral", mine.JsonString("response_type"));
        Assert.Contains("5% off list", mine.JsonString("text"), StringComparison.Ordinal);
        var posts = _slack.Slack.CallsTo("chat.postMessage").Skip(postsBefore).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal("C1", p.JsonString("channel")));
        Assert.Contains("5% off list", posts[0].JsonString("text"), StringComparison.Ordinal);
        Assert.Contains("Align", posts[1].RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain(_slack.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod), c => c.Path.EndsWith("/t-share", StringComparison.Ordinal) || c.Path.EndsWith("/t-align", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkspaceB_CannotSeeOrChangeWorkspaceAsDeal_InAChannelWithTheSameId()
    {
        await _slack.StartDealAsync(team: "T1", channel: "C1");
        await _slack.SlashAsync("give 5% off list", "t-a-give");

        var ledger = await _slack.SlashAndWaitAsync("ledger", "t-b-ledger", team: "T2", channel: "C1");
        var export = await _slack.SlashAndWaitAsync("export json", "t-b-export", team: "T2", channel: "C1");
        var give = await _slack.SlashAndWaitAsync("give 10% off", "t-b-give", team: "T2", channel: "C1");
        var ours = await _slack.SlashAndWaitAsync("export json", "t-a-export", team: "T1", channel: "C1");

        foreach (var answer in new[] { ledger, export, give })
        {
            Assert.Equal(SlackBlockKit.Escape(DealCommandHandler.NoDeal), answer.JsonString("text"));
            Assert.DoesNotContain("Acme", answer.RawBody, StringComparison.Ordinal);
        }

        Assert.Contains("5% off list", ours.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain("10% off", ours.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DealPlan_OpensTheModal_InvalidSubmissionShowsFieldErrors_ValidOneIsApplied()
    {
        await _slack.StartDealAsync();

        var opened = await _slack.SlashAsync("plan", "t-plan");
        var view = Assert.Single(_slack.Slack.CallsTo("views.open"));
        var metadata = view.Json!.Value.GetProperty("view").GetProperty("private_metadata").GetString()!;
        var invalid = await _slack.InteractionAsync(PlanSubmission(metadata, walkaway: "a lot", viewId: "V1"));
        var valid = await _slack.InteractionAsync(PlanSubmission(metadata, walkaway: "$95k", viewId: "V2"));
        await _slack.DrainedAsync();
        var export = await _slack.SlashAndWaitAsync("export json", "t-export");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("t-plan", view.JsonString("trigger_id"));
        Assert.Equal(SlackModals.PlanCallbackId, view.Json!.Value.GetProperty("view").GetProperty("callback_id").GetString());
        var errors = await Json(invalid);
        Assert.Equal("errors", errors.GetProperty("response_action").GetString());
        Assert.True(errors.GetProperty("errors").TryGetProperty(SlackModals.WalkawayBlockId, out _));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("", await valid.Content.ReadAsStringAsync());
        using var record = JsonDocument.Parse(export.JsonString("text")!);
        var price = Assert.Single(record.RootElement.GetProperty("plan").GetProperty("terms").EnumerateArray());
        Assert.Equal("$95,000", price.GetProperty("walkaway").GetString());
    }

    [Fact]
    public async Task LogWhatWeGot_OpensASmallModal_AndTheSubmissionTradesTheGive()
    {
        await _slack.StartDealAsync();
        await _slack.EventAsync(SlackHarness.MessageEvent("Ev1", "we gave them net-60 payment terms", "1732612800.000200", Thread));
        await _slack.DrainedAsync();

        await _slack.InteractionAsync(Button(CoachingReplies.LogGetAction, "1", "t-log"));
        var view = Assert.Single(_slack.Slack.CallsTo("views.open"));
        var metadata = view.Json!.Value.GetProperty("view").GetProperty("private_metadata").GetString()!;
        var empty = await _slack.InteractionAsync(LogGetSubmission(metadata, "  "));
        var submitted = await _slack.InteractionAsync(LogGetSubmission(metadata, "two-year term"));
        await _slack.DrainedAsync();
        var ledger = await _slack.SlashAndWaitAsync("ledger", "t-ledger");

        Assert.Equal(SlackModals.LogGetCallbackId, view.Json!.Value.GetProperty("view").GetProperty("callback_id").GetString());
        Assert.Equal("errors", (await Json(empty)).GetProperty("response_action").GetString());
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("two-year term", ledger.JsonString("text"), StringComparison.Ordinal);
        Assert.Contains("traded", ledger.JsonString("text"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NotAGive_ThanksTheUser_TakesItOff_AndKeepsALabelledExample()
    {
        await _slack.StartDealAsync();
        await _slack.EventAsync(SlackHarness.MessageEvent("Ev1", "we gave them net-60 payment terms", "1732612800.000200", Thread));
        await _slack.DrainedAsync();

        await _slack.InteractionAsync(Button(CoachingReplies.NotAGiveAction, "1", "t-notagive"));
        await _slack.DrainedAsync();
        var thanks = Assert.Single(_slack.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod), c => c.Path.EndsWith("/t-notagive", StringComparison.Ordinal));
        var labels = await _slack.SlashAndWaitAsync("export labels", "t-labels");

        Assert.Equal("ephemeral", thanks.JsonString("response_type"));
        Assert.Contains("Thanks", thanks.JsonString("text"), StringComparison.Ordinal);
        using var example = JsonDocument.Parse(labels.JsonString("text")!);
        Assert.Equal("other", example.RootElement.GetProperty("label").GetString());
        Assert.Equal("we gave them net-60 payment terms", example.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task QuietInThisChannel_StopsPromptsOnChat()
    {
        await _slack.StartDealAsync();
        await _slack.EventAsync(SlackHarness.MessageEvent("Ev1", "we gave them net-60 payment terms", "1732612800.000200", Thread));
        await _slack.DrainedAsync();

        await _slack.InteractionAsync(Button(CoachingReplies.QuietAction, "1", "t-quiet"));
        await _slack.DrainedAsync();
        await _slack.EventAsync(SlackHarness.MessageEvent("Ev2", "fine, we also gave them free onboarding", "1732612800.000300", Thread));
        await _slack.DrainedAsync();

        Assert.Single(_slack.PostsInThread(Thread));
        Assert.Contains("Quiet on", _slack.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod).Single(c => c.Path.EndsWith("/t-quiet", StringComparison.Ordinal)).RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RephraseShortcut_AnswersTheAskerWithAnIfWeCouldYou()
    {
        await _slack.StartDealAsync();

        await _slack.InteractionAsync(new JsonObject
        {
            ["type"] = "message_action",
            ["callback_id"] = SlackDispatcher.RephraseShortcut,
            ["trigger_id"] = "t-rephrase",
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["user"] = new JsonObject { ["id"] = "U1" },
            ["channel"] = new JsonObject { ["id"] = "C1" },
            ["message"] = new JsonObject { ["type"] = "message", ["user"] = "U2", ["ts"] = "1732612800.000500", ["text"] = "we'll extend payment terms to net-60" },
            ["response_url"] = _slack.Slack.ResponseUrl("t-rephrase").AbsoluteUri,
        });
        await _slack.DrainedAsync();

        var answer = Assert.Single(_slack.Slack.CallsTo(FakeSlackApi.ResponseUrlMethod), c => c.Path.EndsWith("/t-rephrase", StringComparison.Ordinal));
        Assert.Equal("ephemeral", answer.JsonString("response_type"));
        Assert.Contains("If we extend payment terms to net-60, could you", answer.JsonString("text"), StringComparison.Ordinal);
        Assert.Empty(_slack.PostsInThread(Thread));
    }

    [Theory]
    [InlineData("")]
    [InlineData("payload=")]
    [InlineData("payload=%7Bnot%20json")]
    [InlineData("payload=%5B1%5D")]
    public async Task MalformedInteraction_Is400_AndChangesNothing(string form)
    {
        using var request = _slack.Signer.Request("/slack/interactions", form, "application/x-www-form-urlencoded", null, null);

        var response = await _slack.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await _slack.DrainedAsync();
        Assert.Empty(_slack.CallsExceptReadinessCheck);
    }

    [Fact]
    public async Task SubmissionWhoseMetadataNamesAnotherWorkspace_IsIgnored()
    {
        await _slack.StartDealAsync(team: "T2");
        var forged = """{"team":"T2","channel":"C1","user":"U1","thread":null}""";

        var response = await _slack.InteractionAsync(LogGetSubmission(forged, "two-year term"));
        await _slack.DrainedAsync();
        var ledger = await _slack.SlashAndWaitAsync("ledger", "t-ledger-b", team: "T2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("two-year term", ledger.JsonString("text"), StringComparison.Ordinal);
    }

    private JsonObject Button(string actionId, string value, string trigger) => new()
    {
        ["type"] = "block_actions",
        ["trigger_id"] = trigger,
        ["team"] = new JsonObject { ["id"] = "T1" },
        ["user"] = new JsonObject { ["id"] = "U1", ["username"] = "dana" },
        ["channel"] = new JsonObject { ["id"] = "C1" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000009", ["channel_id"] = "C1", ["thread_ts"] = Thread },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000009", ["thread_ts"] = Thread },
        ["response_url"] = _slack.Slack.ResponseUrl(trigger).AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value }),
    };

    private static JsonObject PlanSubmission(string metadata, string walkaway, string viewId) => Submission(SlackModals.PlanCallbackId, metadata, viewId, new JsonObject
    {
        [SlackModals.TypeBlockId] = Select(SlackModals.TypeActionId, "trading"),
        [SlackModals.PhaseBlockId] = Select(SlackModals.PhaseActionId, "propose"),
        [SlackModals.TermBlockId] = Select(SlackModals.TermActionId, "price"),
        [SlackModals.OpeningBlockId] = Text(SlackModals.OpeningActionId, "$120k"),
        [SlackModals.TargetBlockId] = Text(SlackModals.TargetActionId, "$105k"),
        [SlackModals.WalkawayBlockId] = Text(SlackModals.WalkawayActionId, walkaway),
        [SlackModals.WantsBlockId] = Text(SlackModals.WantsActionId, "two-year term = $40k"),
        [SlackModals.GivesBlockId] = Text(SlackModals.GivesActionId, ""),
    });

    private static JsonObject LogGetSubmission(string metadata, string text) =>
        Submission(SlackModals.LogGetCallbackId, metadata, "V9", new JsonObject { [SlackModals.LogGetBlockId] = Text(SlackModals.LogGetActionId, text) });

    private static JsonObject Submission(string callbackId, string metadata, string viewId, JsonObject values) => new()
    {
        ["type"] = "view_submission",
        ["trigger_id"] = "t-submit-" + viewId,
        ["team"] = new JsonObject { ["id"] = "T1" },
        ["user"] = new JsonObject { ["id"] = "U1" },
        ["view"] = new JsonObject
        {
            ["id"] = viewId,
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["private_metadata"] = metadata,
            ["state"] = new JsonObject { ["values"] = values },
        },
    };

    private static JsonObject Select(string actionId, string value) =>
        new() { [actionId] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } } };

    private static JsonObject Text(string actionId, string value) =>
        new() { [actionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
