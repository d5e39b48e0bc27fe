using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Rendering;
using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Handlers;

/// <summary>
/// Records gives, gets and trades on a deal and words what the coach says about them:
/// the reciprocity prompt with its "If we X, could you Y?" suggestion, and the single most important warning.
/// </summary>
public sealed class CoachingReplies(IRephraser rephraser, TimeProvider time)
{
    /// <summary>Button actions adapters wire to the prompt.</summary>
    public const string LogGetAction = "log_get";
    public const string NotAGiveAction = "not_a_give";
    public const string QuietAction = "quiet_channel";

    public async Task<IReadOnlyList<ReplyPart>> GiveAsync(Deal deal, MoveDraft draft, bool detectedInChat, CancellationToken cancellationToken)
    {
        var advice = Coach.Review(deal, draft);
        var move = deal.RecordGive(draft, time.GetUtcNow());
        var parts = new List<ReplyPart>();
        if (advice.Prompt is { } prompt)
        {
            parts.Add(await PromptAsync(move, prompt, detectedInChat, cancellationToken).ConfigureAwait(false));
        }

        AddTopWarning(parts, advice);
        return parts;
    }

    public static IReadOnlyList<ReplyPart> Get(Deal deal, MoveDraft draft, DateTimeOffset at)
    {
        var (get, trade) = deal.RecordGet(draft, at);
        var text = trade is null
            ? $"Logged their move #{get.Number}: {get.Description}."
            : $"Trade logged: #{get.Number} ({get.Description}) in return for {Describe(deal, trade.GiveNumbers)}.";
        return [new ReplyPart(ReplyKind.TradeLogged, text)];
    }

    public static IReadOnlyList<ReplyPart> Trade(Deal deal, MoveDraft give, MoveDraft get, DateTimeOffset at)
    {
        var advice = Coach.Review(deal, give with { Conditional = true });
        var trade = deal.RecordTrade(give, get, at);
        var parts = new List<ReplyPart>
        {
            new(ReplyKind.TradeLogged, $"Trade logged: {Describe(deal, trade.GiveNumbers)} for {Describe(deal, trade.GetNumbers)}."),
        };
        AddTopWarning(parts, advice);
        return parts;
    }

    /// <summary>The private "If we X, could you Y?" rewrite of a proposal or any text.</summary>
    public async Task<ReplyPart> RephraseAsync(Deal? deal, string give, string? get, CancellationToken cancellationToken)
    {
        var asks = deal?.OpenWantedGets.Take(deal is not null && CoachingVoice.SuggestsBundles(deal.Type) ? 2 : 1).Select(w => w.Item).ToList() ?? [];
        var result = await rephraser.RephraseAsync(new RephraseRequest(give, get, asks), cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? new ReplyPart(ReplyKind.Rephrase, $"As a trade: \"{result.Sentence}\"")
            : new ReplyPart(ReplyKind.Rephrase, $"I can't rephrase that: {result.RefusalReason}");
    }

    private async Task<ReplyPart> PromptAsync(Move move, ReciprocityPrompt prompt, bool detectedInChat, CancellationToken cancellationToken)
    {
        var asks = prompt.Ask is null ? [] : new[] { prompt.Ask }.Concat(prompt.Bundle).Select(w => w.Item).ToList();
        var rephrased = await rephraser.RephraseAsync(new RephraseRequest(prompt.Give, null, asks), cancellationToken).ConfigureAwait(false);
        var lines = new List<string> { $"Give logged (#{move.Number}): {move.Description}.", prompt.Question };
        if (rephrased.Succeeded)
        {
            lines.Add($"Try: \"{rephrased.Sentence}\"");
        }

        if (prompt.Hint.Length > 0)
        {
            lines.Add(prompt.Hint);
        }

        var value = move.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ReplyPart(ReplyKind.ReciprocityPrompt, string.Join("\n", lines))
        {
            Title = "What are we getting in return?",
            Fields = [new Field("Give", move.Description), new Field("Term", move.Term.ToDisplayName())],
            Buttons = detectedInChat
                ? [new ReplyButton(LogGetAction, "Log what we got", value), new ReplyButton(NotAGiveAction, "Not a give", value), new ReplyButton(QuietAction, "Quiet in this channel", value)]
                : [new ReplyButton(LogGetAction, "Log what we got", value)],
        };
    }

    private static void AddTopWarning(List<ReplyPart> parts, CoachingAdvice advice)
    {
        if (advice.TopWarning is { } warning)
        {
            parts.Add(new ReplyPart(ReplyKind.Warning, warning.Text) { Rule = warning.Rule });
        }
    }

    private static string Describe(Deal deal, IEnumerable<int> numbers) =>
        string.Join(" and ", numbers.Select(n => $"#{n} ({deal.Moves[n - 1].Description})"));
}
