using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;
using Negotiation.Storage.Hosting;
using Negotiation.Storage.Inbox;
using Negotiation.Storage.Installations;
using Negotiation.Storage.Model;
using Negotiation.Storage.Outbox;
using Negotiation.Storage.Tests.Databases;

namespace Negotiation.Storage.Tests.Contract;

/// <summary>One suite for every storage port, run against each provider (SQLite always, PostgreSQL too).</summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    protected static readonly ChannelKey Channel = new("slack", "T1", "C1");

    private TestDatabase? _database;

    protected abstract StorageProvider Provider { get; }

    protected TestDatabase Db => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected Deal NewDeal(ChannelKey? channel = null, string name = "Acme renewal")
    {
        var deal = Deal.Start(Guid.NewGuid(), channel ?? Channel, "1700000000.000100", name, NegotiationType.Trading, "dana", Db.Time.GetUtcNow());
        deal.PlanTerm(new TermPlan(Term.Price, Amount.Money(480_000), Amount.Money(450_000), Amount.Money(465_000), Amount.Money(430_000)));
        deal.WantGet(new WantedGet("three-year term", Amount.Money(60_000)));
        deal.OfferGive(new PossibleGive("free onboarding", Amount.Money(12_000)));
        deal.PlanMove("hold price until volume is agreed");
        deal.NameCounterparty("Acme Corp");
        deal.MoveTo(Phase.Propose);
        deal.RecordGive(new MoveDraft(MoveKind.Give, Term.Price, "down to $465k", Amount.Money(465_000), AmountIsLevel: true, Author: "dana", SourceMessageId: "m1"), Db.Time.GetUtcNow());
        deal.RecordGet(new MoveDraft(MoveKind.Get, Term.ContractLength, "three-year term", Amount.Duration(3, "years"), Author: "dana"), Db.Time.GetUtcNow());
        deal.RecordGive(new MoveDraft(MoveKind.Give, Term.Timeline, "sign by Dec 15", Amount.OnDate(new DateOnly(2026, 12, 15))), Db.Time.GetUtcNow());
        Assert.NotNull(deal.CorrectNotAGive(3, "jordan", Db.Time.GetUtcNow()));
        deal.AgreeTerm(new Commitment("Three-year subscription at $465k", "@dana", new DateOnly(2026, 12, 15)));
        deal.AddNextStep(new Commitment("Send order form", "@jordan"));
        return deal;
    }

    private static string Json(Deal deal) => JsonSerializer.Serialize(deal.ToSnapshot());

    protected static InboundCommand Command(string eventId, string text, ChannelKey? channel = null) =>
        new(eventId, channel ?? Channel, eventId + ".ts", null, new UserRef("U1", "dana"), new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), text);

    protected static InboundMessage Message(string eventId, string text, ChannelKey? channel = null) =>
        new(eventId, channel ?? Channel, eventId + ".ts", "thread-1", new UserRef("U1", "dana"), new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), text) { IsEdit = false };

    protected static OutboundMessage Reply(string eventId, string text = "hello") =>
        new(eventId, Channel, "thread-1", Visibility.Thread, "U1", [new ReplyPart(ReplyKind.Warning, text) { Rule = Domain.Coaching.CoachingRule.DoubleGive, Buttons = [new ReplyButton("log_get", "Log what we got", "3")] }]);

    // ---- Deals ----

    [Fact]
    public async Task SaveAsync_ThenFindLatest_RoundTripsEverythingInTheDeal()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().SaveAsync(deal));

        var found = await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindLatestAsync(Channel));

        Assert.NotNull(found);
        Assert.Equal(Json(deal), Json(found));
    }

    [Fact]
    public async Task SaveAsync_Update_KeepsLaterChanges()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().SaveAsync(deal));

        await Db.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<IDealStore>();
            var loaded = (await store.FindLatestAsync(Channel))!;
            loaded.RecordGet(new MoveDraft(MoveKind.Get, Term.Other, "case study"), Db.Time.GetUtcNow());
            await store.SaveAsync(loaded);
        });

        var found = await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindLatestAsync(Channel));
        Assert.Equal(4, found!.Moves.Count);
        Assert.Equal(2, found.Trades.Count);
    }

    [Fact]
    public async Task FindLatestAsync_AfterANewDealInTheChannel_ReturnsTheNewOne()
    {
        var first = NewDeal(name: "First");
        first.Close(Db.Time.GetUtcNow());
        var second = NewDeal(name: "Second");
        await Db.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IDealStore>().SaveAsync(first);
            await sp.GetRequiredService<IDealStore>().SaveAsync(second);
        });

        Assert.Equal("Second", (await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindLatestAsync(Channel)))!.Name);
    }

    [Fact]
    public async Task FindAsync_WithAnotherWorkspaceAndTheRightId_FindsNothing()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().SaveAsync(deal));

        await Db.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<IDealStore>();
            Assert.Null(await store.FindAsync("slack", "T-intruder", deal.Id));
            Assert.Null(await store.FindAsync("teams", "T1", deal.Id));
            Assert.Null(await store.FindLatestAsync(Channel with { Workspace = "T-intruder" }));
            Assert.Null(await store.FindLatestAsync(Channel with { Channel = "C-other" }));
            Assert.NotNull(await store.FindAsync("slack", "T1", deal.Id));
        });
    }

    [Fact]
    public async Task ListAsync_ReturnsOnlyThatWorkspacesDeals_NewestFirst_UpToMax()
    {
        var start = Db.Time.GetUtcNow();
        var older = Deal.Start(Guid.NewGuid(), Channel, "t1", "Older", NegotiationType.Trading, "dana", start.AddHours(-2));
        var newer = Deal.Start(Guid.NewGuid(), Channel with { Channel = "C2" }, "t2", "Newer", NegotiationType.Bargaining, "dana", start.AddHours(-1));
        var newest = Deal.Start(Guid.NewGuid(), Channel with { Channel = "C3" }, "t3", "Newest", NegotiationType.Creating, "dana", start);
        var elsewhere = Deal.Start(Guid.NewGuid(), new ChannelKey("slack", "T-other", "C1"), "t4", "Elsewhere", NegotiationType.Trading, "eve", start.AddHours(1));
        await Db.InScopeAsync(async sp =>
        {
            foreach (var deal in new[] { older, newer, newest, elsewhere })
            {
                await sp.GetRequiredService<IDealStore>().SaveAsync(deal);
            }
        });

        var all = await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().ListAsync("slack", "T1", 10));
        var two = await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().ListAsync("slack", "T1", 2));

        Assert.Equal(["Newest", "Newer", "Older"], all.Select(d => d.Name));
        Assert.Equal(["Newest", "Newer"], two.Select(d => d.Name));
    }

    [Fact]
    public async Task DeleteAsync_FromAnotherWorkspace_DeletesNothing()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().SaveAsync(deal));

        Assert.False(await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().DeleteAsync("slack", "T-intruder", deal.Id)));
        Assert.NotNull(await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindAsync("slack", "T1", deal.Id)));
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().DeleteAsync("slack", "T1", deal.Id)));
        Assert.Null(await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindLatestAsync(Channel)));
    }

    [Fact]
    public async Task SaveAsync_TwoWritersOfTheSameVersion_SecondFailsInsteadOfLosingAMove()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().SaveAsync(deal));
        await using var first = Db.Services.CreateAsyncScope();
        await using var second = Db.Services.CreateAsyncScope();
        var a = (await first.ServiceProvider.GetRequiredService<IDealStore>().FindLatestAsync(Channel))!;
        var b = (await second.ServiceProvider.GetRequiredService<IDealStore>().FindLatestAsync(Channel))!;
        a.RecordGet(new MoveDraft(MoveKind.Get, Term.Other, "case study"), Db.Time.GetUtcNow());
        b.RecordGet(new MoveDraft(MoveKind.Get, Term.Other, "logo rights"), Db.Time.GetUtcNow());

        await first.ServiceProvider.GetRequiredService<IDealStore>().SaveAsync(a);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.ServiceProvider.GetRequiredService<IDealStore>().SaveAsync(b));
    }

    // ---- Processed events ----

    [Fact]
    public async Task TryMarkProcessedAsync_SecondTime_ReturnsFalse()
    {
        var at = Db.Time.GetUtcNow();
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("slack:T1:Ev1", at)));
        Assert.False(await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("slack:T1:Ev1", at)));
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("slack:T2:Ev1", at)));
    }

    // ---- Inbox ----

    [Fact]
    public async Task TryRecordAsync_DuplicateByAnyKey_IsRefusedAndWritesNothing()
    {
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message("Ev1", "hi"), ["Ev1", "T1:C1:1.1"])));
        Assert.False(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message("Ev1", "hi"), ["Ev1", "T1:C1:1.1"])));
        Assert.False(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message("Ev1-retry-new-id", "hi"), ["Ev1-retry-new-id", "T1:C1:1.1"])));

        await Db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NegotiationDbContext>();
            Assert.Equal(1, await db.Inbox.CountAsync());
            Assert.Equal(2, await db.InboxKeys.CountAsync());
        });
    }

    [Fact]
    public async Task TryRecordAsync_ManyAtOnceWithRepeatedKeys_RecordsEachEventExactlyOnce()
    {
        // 40 events, each sent 5 times at once (some under a second key only): writes that land together must still dedupe.
        var attempts = Enumerable.Range(0, 200).Select(i => (Event: i % 40, Copy: i / 40)).ToList();

        var results = await Task.WhenAll(attempts.Select(a => Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(
            Message($"Ev{a.Event}-{a.Copy}", "hi"), a.Copy == 0 ? [$"Ev{a.Event}", $"T1:C1:{a.Event}"] : [$"Ev{a.Event}-{a.Copy}", $"T1:C1:{a.Event}"]))));

        Assert.Equal(40, results.Count(r => r));
        await Db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NegotiationDbContext>();
            Assert.Equal(40, await db.Inbox.CountAsync());
            Assert.Equal(80, await db.InboxKeys.CountAsync());
            Assert.Equal(40, await db.Inbox.Select(i => i.Id).Distinct().CountAsync(id => db.InboxKeys.Any(k => k.InboxId == id)));
        });
    }

    [Fact]
    public async Task TryRecordAsync_OversizedPayload_IsRefusedWithAClearError()
    {
        var huge = Message("Ev1", new string('x', EfInbox.MaxPayloadLength));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(huge, ["Ev1"])));
        Assert.Contains("the most the inbox takes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessNextAsync_ReadsBackTheActivityExactlyAndFinishesIt()
    {
        var command = Command("Ev1", "give 5% off") with { IsFromSelf = false };
        await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(command, ["Ev1"]));
        InboundActivity? seen = null;

        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync((a, _) => { seen = a; return Task.CompletedTask; })));
        Assert.False(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync((_, _) => Task.CompletedTask)));
        Assert.Equal(command, seen);
    }

    [Fact]
    public async Task ProcessNextAsync_HandlerWrites_AreCommittedWithTheItem()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message("Ev1", "hi"), ["Ev1"]));

        await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync(async (a, ct) =>
        {
            await sp.GetRequiredService<IDealStore>().SaveAsync(deal, ct);
            await sp.GetRequiredService<IOutbox>().EnqueueAsync(Reply(a.EventId), ct);
        }));

        Assert.NotNull(await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindLatestAsync(Channel)));
        Assert.Single(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
    }

    [Fact]
    public async Task ProcessNextAsync_HandlerThrows_RollsBackItsWritesAndRetriesThenParks()
    {
        var deal = NewDeal();
        await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message("Ev1", "hi"), ["Ev1"]));
        var calls = 0;

        for (var i = 0; i < Db.Options.InboxMaxAttempts + 1; i++)
        {
            await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync(async (a, ct) =>
            {
                calls++;
                await sp.GetRequiredService<IDealStore>().SaveAsync(deal, ct);
                await sp.GetRequiredService<IOutbox>().EnqueueAsync(Reply(a.EventId), ct);
                throw new InvalidOperationException("the platform exploded");
            }));
        }

        Assert.Equal(Db.Options.InboxMaxAttempts, calls);
        Assert.Null(await Db.InScopeAsync(sp => sp.GetRequiredService<IDealStore>().FindLatestAsync(Channel)));
        Assert.Empty(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        var item = await Db.InScopeAsync(sp => sp.GetRequiredService<NegotiationDbContext>().Inbox.SingleAsync());
        Assert.Equal(InboxStatus.Parked, item.Status);
        Assert.Contains("the platform exploded", item.LastError, StringComparison.Ordinal);
        Assert.Equal((0, 1), await Db.InScopeAsync(sp => sp.GetRequiredService<EfInbox>().CountAsync()));
    }

    [Fact]
    public async Task ProcessNextAsync_MalformedStoredPayload_IsParkedWithoutCallingTheHandler()
    {
        await Db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NegotiationDbContext>();
            db.Inbox.Add(new InboxItemRecord { ChannelKey = "slack:T1:C1", EventId = "Ev-bad", Kind = "message", Payload = "{\"eventId\": [not json" });
            db.Inbox.Add(new InboxItemRecord { ChannelKey = "slack:T1:C2", EventId = "Ev-odd", Kind = "telegram", Payload = "{}" });
            await db.SaveChangesAsync();
        });
        var calls = 0;

        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync((_, _) => { calls++; return Task.CompletedTask; })));
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync((_, _) => { calls++; return Task.CompletedTask; })));

        Assert.Equal(0, calls);
        var items = await Db.InScopeAsync(sp => sp.GetRequiredService<NegotiationDbContext>().Inbox.OrderBy(i => i.Id).ToListAsync());
        Assert.All(items, i => Assert.Equal(InboxStatus.Parked, i.Status));
        Assert.StartsWith("Unreadable payload", items[0].LastError, StringComparison.Ordinal);
        Assert.Contains("telegram", items[1].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessNextAsync_OneChannel_InTheOrderRecorded()
    {
        for (var i = 1; i <= 5; i++)
        {
            var id = $"Ev{i}";
            await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message(id, "m"), [id]));
        }

        var order = new List<string>();
        while (await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync((a, _) => { order.Add(a.EventId); return Task.CompletedTask; })))
        {
        }

        Assert.Equal(["Ev1", "Ev2", "Ev3", "Ev4", "Ev5"], order);
    }

    [Fact]
    public async Task ProcessNextAsync_ConcurrentWorkers_NeverRunTwoItemsOfOneChannelAtOnceAndLoseNothing()
    {
        const int channels = 4;
        const int perChannel = 15;
        for (var i = 0; i < perChannel; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                var id = $"Ev-{c}-{i:00}";
                await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message(id, "m", Channel with { Channel = "C" + c }), [id]));
            }
        }

        var running = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var overlaps = 0;
        async Task WorkerAsync()
        {
            while (await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync(async (a, _) =>
            {
                if (running.AddOrUpdate(a.Channel.Channel, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                seen.Enqueue(a.EventId);
                running.AddOrUpdate(a.Channel.Channel, 0, (_, n) => n - 1);
            })))
            {
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(WorkerAsync)));

        Assert.Equal(0, overlaps);
        Assert.Equal(channels * perChannel, seen.Distinct().Count());
        for (var c = 0; c < channels; c++)
        {
            var prefix = $"Ev-{c}-";
            var inChannel = seen.Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(inChannel.Order(StringComparer.Ordinal), inChannel);
        }
    }

    // ---- Outbox ----

    [Fact]
    public async Task Outbox_EnqueueClaimMarkSent_RoundTripsTheReplyAndSendsOnce()
    {
        var reply = Reply("Ev1", "Double-give: <b>&</b>");
        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().EnqueueAsync(reply));

        var claimed = Assert.Single(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        Assert.Equal(JsonSerializer.Serialize(reply), JsonSerializer.Serialize(claimed.Message));
        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().MarkSentAsync(claimed.Id));
        Db.Time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
    }

    [Fact]
    public async Task Outbox_ClaimedItem_IsNotClaimedAgainUntilTheLeaseLapses()
    {
        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().EnqueueAsync(Reply("Ev1")));
        Assert.Single(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));

        Assert.Empty(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        Db.Time.Advance(EfOutbox.ClaimLease + TimeSpan.FromSeconds(1));
        Assert.Single(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
    }

    [Fact]
    public async Task Outbox_FailedWithRetryTime_WaitsThenParksWhenToldTo()
    {
        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().EnqueueAsync(Reply("Ev1")));
        var item = Assert.Single(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().MarkFailedAsync(item.Id, "ratelimited", Db.Time.GetUtcNow().AddSeconds(30)));

        Assert.Empty(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        Db.Time.Advance(TimeSpan.FromSeconds(30));
        var again = Assert.Single(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("ratelimited", again.LastError);

        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().MarkFailedAsync(item.Id, "channel_not_found", null));
        Db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10)));
        Assert.Equal((0, 1), await Db.InScopeAsync(sp => sp.GetRequiredService<EfOutbox>().CountAsync()));
    }

    [Fact]
    public async Task Outbox_MalformedStoredPayload_IsParkedNotThrown()
    {
        await Db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NegotiationDbContext>();
            db.Outbox.Add(new OutboxItemRecord { EventId = "Ev-bad", ChannelKey = "slack:T1:C1", Payload = "{oops" });
            await db.SaveChangesAsync();
        });
        await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().EnqueueAsync(Reply("Ev-good")));

        var claimed = await Db.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().ClaimAsync(10));

        Assert.Equal("Ev-good", Assert.Single(claimed).Message.InReplyToEventId);
        Assert.Equal((1, 1), await Db.InScopeAsync(sp => sp.GetRequiredService<EfOutbox>().CountAsync()));
    }

    // ---- Retention ----

    [Fact]
    public async Task SweepAsync_RemovesOnlyWhatIsOlderThanTheRetention()
    {
        await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("old", Db.Time.GetUtcNow()));
        await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().TryRecordAsync(Message("Ev-old", "m"), ["Ev-old"]));
        await Db.InScopeAsync(sp => sp.GetRequiredService<IInbox>().ProcessNextAsync((_, _) => Task.CompletedTask));
        Db.Time.Advance(Db.Options.Retention + TimeSpan.FromMinutes(1));
        await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("new", Db.Time.GetUtcNow()));

        var removed = await Db.InScopeAsync(sp => sp.GetRequiredService<StorageMaintenance>().SweepAsync());

        Assert.Equal(3, removed);
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("old", Db.Time.GetUtcNow())));
        Assert.False(await Db.InScopeAsync(sp => sp.GetRequiredService<IProcessedEventStore>().TryMarkProcessedAsync("new", Db.Time.GetUtcNow())));
    }

    // ---- Installations and conversation references ----

    [Fact]
    public async Task Installations_SaveFindUninstall_ScopedByWorkspace()
    {
        await Db.InScopeAsync(sp => sp.GetRequiredService<InstallationStore>().SaveInstallationAsync(new InstallationRecord { Platform = "slack", Workspace = "T1", Name = "Acme", BotUserId = "B1", BotToken = "xoxb-test" }));

        Assert.Equal("xoxb-test", (await Db.InScopeAsync(sp => sp.GetRequiredService<InstallationStore>().FindInstallationAsync("slack", "T1")))!.BotToken);
        Assert.Null(await Db.InScopeAsync(sp => sp.GetRequiredService<InstallationStore>().FindInstallationAsync("slack", "T2")));
        Assert.True(await Db.InScopeAsync(sp => sp.GetRequiredService<InstallationStore>().UninstallAsync("slack", "T1")));
        Assert.Null(await Db.InScopeAsync(sp => sp.GetRequiredService<InstallationStore>().FindInstallationAsync("slack", "T1")));
    }

    [Fact]
    public async Task ConversationReferences_Upsert_KeepsTheLatestServiceUrl()
    {
        var store = (IServiceProvider sp) => sp.GetRequiredService<InstallationStore>();
        await Db.InScopeAsync(sp => store(sp).SaveConversationReferenceAsync(new ConversationReferenceRecord { Platform = "teams", Workspace = "tenant-1", ConversationId = "19:abc@thread.tacv2", ServiceUrl = "https://smba.example/amer/" }));
        await Db.InScopeAsync(sp => store(sp).SaveConversationReferenceAsync(new ConversationReferenceRecord { Platform = "teams", Workspace = "tenant-1", ConversationId = "19:abc@thread.tacv2", ServiceUrl = "https://smba.example/emea/" }));

        Assert.Equal("https://smba.example/emea/", (await Db.InScopeAsync(sp => store(sp).FindConversationReferenceAsync("teams", "tenant-1", "19:abc@thread.tacv2")))!.ServiceUrl);
        Assert.Null(await Db.InScopeAsync(sp => store(sp).FindConversationReferenceAsync("teams", "tenant-2", "19:abc@thread.tacv2")));
    }

    [Fact]
    public async Task ConversationReferences_GoneUntilTheBotHearsFromTheConversationAgain()
    {
        var store = (IServiceProvider sp) => sp.GetRequiredService<InstallationStore>();
        var reference = () => new ConversationReferenceRecord { Platform = "msteams", Workspace = "tenant-1", ConversationId = "19:gone@thread.tacv2", ServiceUrl = "https://smba.example/amer/", ConversationType = "channel" };
        await Db.InScopeAsync(sp => store(sp).SaveConversationReferenceAsync(reference()));

        Assert.True(await Db.InScopeAsync(sp => store(sp).MarkConversationGoneAsync("msteams", "tenant-1", "19:gone@thread.tacv2")));
        Assert.NotNull((await Db.InScopeAsync(sp => store(sp).FindConversationReferenceAsync("msteams", "tenant-1", "19:gone@thread.tacv2")))!.GoneAtMs);

        await Db.InScopeAsync(sp => store(sp).SaveConversationReferenceAsync(reference()));
        var live = (await Db.InScopeAsync(sp => store(sp).FindConversationReferenceAsync("msteams", "tenant-1", "19:gone@thread.tacv2")))!;
        Assert.Null(live.GoneAtMs);
        Assert.Equal("channel", live.ConversationType);
    }

    [Fact]
    public async Task ConversationReferences_FirstSavesArrivingTogether_LeaveOneRow()
    {
        var store = (IServiceProvider sp) => sp.GetRequiredService<InstallationStore>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Db.InScopeAsync(sp => store(sp).SaveConversationReferenceAsync(
            new ConversationReferenceRecord { Platform = "msteams", Workspace = "tenant-1", ConversationId = "19:race@thread.tacv2", ServiceUrl = "https://smba.example/amer/", ConversationType = "channel" }))));

        Assert.NotNull(await Db.InScopeAsync(sp => store(sp).FindConversationReferenceAsync("msteams", "tenant-1", "19:race@thread.tacv2")));
    }

    // ---- Schema ----

    [Fact]
    public async Task Migrations_AreAllAppliedAndTheModelHasNoChangesWithoutAMigration()
    {
        await Db.InScopeAsync(async sp =>
        {
            Assert.True(await sp.GetRequiredService<StorageMaintenance>().IsReadyAsync());
            Assert.False(sp.GetRequiredService<NegotiationDbContext>().Database.HasPendingModelChanges());
        });
    }
}

public sealed class SqliteStorageContractTests : StorageContractTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task MigrateAsync_CreatesTheFileUnderItsFolderInWalMode()
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Db.Options.ConnectionString).DataSource;
        Assert.True(File.Exists(file));
        var mode = await Db.InScopeAsync(sp => sp.GetRequiredService<NegotiationDbContext>().Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.Equal("wal", Assert.Single(mode));
    }
}

public sealed class PostgresStorageContractTests : StorageContractTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
