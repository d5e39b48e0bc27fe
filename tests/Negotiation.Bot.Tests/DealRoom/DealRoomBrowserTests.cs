using System.Collections.Concurrent;
using Microsoft.Playwright;
using Negotiation.Domain.Deals;
using static Microsoft.Playwright.Assertions;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>
/// The deal room in real headless Chromium against the real host on a loopback port: typing as teammates, the bot's
/// replies in threads, the ledger and chart updating, the Align summary, and the signed deal links. Every step leaves a
/// screenshot in artifacts/screenshots, and no request may leave the machine.
/// </summary>
public sealed class DealRoomBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly ConcurrentQueue<string> _requests = new();

    private async Task<IPage> OpenAsync(string channel, int width = 1366, int height = 1000)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.Request += (_, request) => _requests.Enqueue(request.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(browser.Room.Address, "/#" + channel).AbsoluteUri);
        await Expect(page.Locator("#channel-h")).ToHaveTextAsync("#" + channel);
        return page;
    }

    /// <summary>Types into the message box and sends with Enter, as a keyboard user would.</summary>
    private static async Task SayAsync(IPage page, string text, string speaker = "Priya")
    {
        await page.Locator("#speaker").SelectOptionAsync(speaker);
        await page.Locator("#text").FocusAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#text")).ToHaveValueAsync("");
    }

    private static ILocator Message(IPage page, string text) =>
        page.Locator("#messages > li.message").Filter(new LocatorFilterOptions { Has = page.Locator(".body", new PageLocatorOptions { HasTextString = text }) });

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.Screenshots, name + ".png"), FullPage = true });

    private void AssertOnlyLoopbackRequests()
    {
        Assert.NotEmpty(_requests);
        var outside = _requests.Where(url => new Uri(url) is var u && !(u.Scheme is "data" or "about" or "blob") && !(u.IsLoopback && u.Host is "127.0.0.1" or "localhost")).ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public async Task DealRoom_GiveGetAlignAndLinks_WorkInChromiumWithNoExternalRequests()
    {
        const string channel = "deal-browser";
        var page = await OpenAsync(channel);

        await SayAsync(page, "/deal start Acme renewal trading");
        await Expect(page.Locator("#deal-name")).ToHaveTextAsync("Acme renewal");
        await SayAsync(page, "/deal plan price opening $480k target $450k-$465k walkaway $430k");
        await SayAsync(page, "/deal plan want 50 more seats value $40k");
        await SayAsync(page, "/deal phase propose");
        await Expect(page.Locator("#deal-phase")).ToContainTextAsync("Propose");

        // 1. A give typed in chat: the reciprocity prompt arrives in that message's thread.
        await SayAsync(page, "we dropped the price to $465k for them", speaker: "Marco");
        var give = Message(page, "we dropped the price to $465k for them");
        var prompt = give.Locator(".thread .part[data-kind='reciprocity_prompt']");
        await Expect(prompt).ToContainTextAsync("If you are making a concession, what are you getting in return?");
        await Expect(page.Locator("#chart .chart-step[data-move='1'][data-side='us']")).ToHaveCountAsync(1);
        await ShotAsync(page, "01-give-reciprocity-prompt");

        // 2. "Log what we got", pressed from the keyboard, answers in the thread; the trade shows in the ledger and the chart.
        await prompt.Locator("button[data-action='log_get']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#reply-to")).ToBeVisibleAsync();
        await Expect(page.Locator("#text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("they add 50 more seats");
        await page.Keyboard.PressAsync("Enter");
        await Expect(give.Locator(".thread .part[data-kind='trade_logged']")).ToContainTextAsync("Trade logged: #2");
        await Expect(page.Locator("#trades .trade")).ToContainTextAsync("#1 drop the price to $465k");
        await Expect(page.Locator("#trades .trade .gets")).ToContainTextAsync("#2 they add 50 more seats (worth $40,000)");
        await Expect(page.Locator("#chart .chart-step[data-move='2'][data-side='them']")).ToHaveCountAsync(1);
        await ShotAsync(page, "02-get-trade-in-ledger-and-chart");

        // 3. A smaller second step on price: the chart draws it and says the steps are shrinking.
        await page.Locator("#reply-cancel").ClickAsync();
        await SayAsync(page, "/deal give bring the price down to $455k");
        await Expect(page.Locator("#chart .chart-step[data-move='3'][data-side='us']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-summary")).ToContainTextAsync("our steps $15,000 → $10,000 (shrinking)");
        await ShotAsync(page, "03-chart-shrinking-steps");

        // 4. /deal align posts the summary to the deal's thread, and the panel shows it.
        await SayAsync(page, "/deal term Three-year subscription at $455k owner Priya due 2026-12-15");
        await SayAsync(page, "/deal align", speaker: "Sam");
        var summary = Message(page, "/deal start Acme renewal trading").Locator(".thread .part[data-kind='align_summary']");
        await Expect(summary).ToContainTextAsync("Align summary: Acme renewal");
        await Expect(summary).ToContainTextAsync("Three-year subscription at $455k (owner: Priya");
        await Expect(page.Locator("#align")).ToContainTextAsync("Gives with nothing in return");
        await summary.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "04-align-summary");

        // 5. The ledger reply carries the signed "Open ledger" link: it opens the read-only view.
        await SayAsync(page, "/deal ledger");
        var link = Message(page, "/deal ledger").Locator("a[data-action='open_ledger']");
        await Expect(link).ToHaveTextAsync("Open ledger");
        var href = await link.GetAttributeAsync("href");
        Assert.NotNull(href);
        var view = await page.Context.NewPageAsync();
        var opened = await view.GotoAsync(href);
        Assert.Equal(200, opened!.Status);
        await Expect(view.Locator("h1")).ToHaveTextAsync("Acme renewal");
        await Expect(view.Locator(".trade")).ToContainTextAsync("#2 they add 50 more seats");
        await ShotAsync(view, "05-read-only-deal-view");

        // 6. A tampered link and an expired one are refused, with a page that says why and shows nothing of the deal.
        var at = href.IndexOf("?t=", StringComparison.Ordinal) + 12;
        var tampered = href[..at] + (href[at] == 'A' ? 'B' : 'A') + href[(at + 1)..];
        var refused = await view.GotoAsync(tampered);
        Assert.Equal(403, refused!.Status);
        await Expect(view.Locator("h1")).ToHaveTextAsync("This link is not valid");
        Assert.DoesNotContain("Acme renewal", await view.ContentAsync(), StringComparison.Ordinal);
        await ShotAsync(view, "06-tampered-link-refused");

        var id = Guid.ParseExact(href[(href.IndexOf("/deals/", StringComparison.Ordinal) + 7)..href.IndexOf('?', StringComparison.Ordinal)], "N");
        var expiredToken = browser.Room.Links.Token(new ChannelKey("room", "room", channel), id, DateTimeOffset.UtcNow.AddMinutes(-5));
        var expired = await view.GotoAsync(new Uri(browser.Room.Address, Bot.DealRoom.DealLinks.PathFor(id, expiredToken)).AbsoluteUri);
        Assert.Equal(403, expired!.Status);
        await Expect(view.Locator("h1")).ToHaveTextAsync("This link has expired");
        Assert.DoesNotContain("Acme renewal", await view.ContentAsync(), StringComparison.Ordinal);
        await ShotAsync(view, "07-expired-link-refused");

        AssertOnlyLoopbackRequests();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DealRoom_PhoneWidth_FitsTheScreenAndEveryControlHasAName()
    {
        const string channel = "deal-phone";
        var page = await OpenAsync(channel, width: 390, height: 844);
        await SayAsync(page, "/deal start Phone deal");
        await Expect(page.Locator("#deal-name")).ToHaveTextAsync("Phone deal");
        await Expect(page.Locator("#deal-list")).ToContainTextAsync("Phone deal");
        await Expect(page.Locator("#chart-summary")).ToContainTextAsync("No moves with amounts yet");
        await Expect(page.Locator("#deal")).Not.ToContainTextAsync("null");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var unnamed = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll("button, input, select, textarea, a[href]")]
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.textContent.trim())
              .map(e => e.outerHTML.slice(0, 80))
            """);
        await ShotAsync(page, "08-phone-width");

        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 390px phone screen.");
        Assert.Empty(unnamed);
        AssertOnlyLoopbackRequests();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DealRoom_KeyboardOnly_TabReachesTheMessageBoxAndSendsWithEnter()
    {
        const string channel = "deal-keys";
        var page = await OpenAsync(channel);

        // From the top of the page: the skip link first, and it lands in the message box.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("/deal help");
        await page.Keyboard.PressAsync("Enter");

        await Expect(Message(page, "/deal help").Locator(".thread .reply.bot")).ToContainTextAsync("/deal start");
        await ShotAsync(page, "09-keyboard-help");
        AssertOnlyLoopbackRequests();
        await page.Context.CloseAsync();
    }
}
