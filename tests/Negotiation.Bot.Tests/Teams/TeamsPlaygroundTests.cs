using Microsoft.Playwright;
using Negotiation.Bot.Tests.Hosting;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>
/// End to end with Microsoft's own Teams channel simulator: the host in its local unauthenticated mode, the Agents
/// Playground beside it, and its web UI driven in headless Debian Chromium (NEGOTIATION_TEST_CHROMIUM, default
/// /usr/bin/chromium; no Playwright browser download). Screenshots go to artifacts/teams-playground/.
/// </summary>
public sealed class TeamsPlaygroundTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "negotiation-playground-host", Guid.NewGuid().ToString("N"));
    private readonly string _screenshots = Path.Combine(AgentsPlayground.RepositoryRoot, "artifacts", "teams-playground");
    private TestHost _host = null!;
    private AgentsPlayground _playground = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("NEGOTIATION_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"No Chromium at {chromium}: install Debian's chromium (bash .ci/chromium.sh) or set NEGOTIATION_TEST_CHROMIUM.");
        _host = await TestHost.StartAsync([.. TestHost.Sqlite(_folder), "--Teams:AllowUnauthenticated=true"]);
        _playground = await AgentsPlayground.StartAsync(new Uri(_host.Http.BaseAddress!, "/api/messages"));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(_screenshots);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task ChannelDealThreadPromptAlignAndPersonalHelp_WorkInTheAgentsPlayground()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout((float)Step.TotalMilliseconds);
        await page.GotoAsync(_playground.Url.AbsoluteUri);

        // Opening the playground installs the bot: its greeting arrives in the personal chat first.
        await page.GetByText("Hi, I'm Negotiation Coach").First.WaitForAsync();
        await page.GetByText("General", new() { Exact = true }).ClickAsync();
        await page.GetByText("Hi, I'm Negotiation Coach").First.WaitForAsync();

        await PostInChannelAsync(page, "start Acme renewal trading");
        await page.GetByText("Started deal \"Acme renewal\"").First.WaitForAsync();
        await PostInChannelAsync(page, "plan want two-year term value $40k");
        await PostInChannelAsync(page, "phase propose");
        await page.GetByText("phase Propose", new() { Exact = false }).First.WaitForAsync();
        await ShotAsync(page, "1-deal-started");

        const string Give = "we agreed to extend payment terms to net-60";
        await PostInChannelAsync(page, Give);
        var prompt = page.GetByText("What are we getting in return?").First;
        await prompt.WaitForAsync();

        // The prompt sits in the give's own thread: the post that holds the give holds the prompt too.
        var givePost = page.Locator("div").Filter(new() { HasText = Give }).Filter(new() { HasText = "What are we getting in return?" });
        Assert.True(await givePost.CountAsync() > 0, "the reciprocity prompt is not in the give's thread");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log what we got" }).First.IsVisibleAsync());
        await ShotAsync(page, "2-reciprocity-prompt-in-thread");

        await PostInChannelAsync(page, "align");
        // The summary goes to the deal's thread (the start post), not the thread of the align post.
        var summary = page.GetByText("Align summary: Acme renewal").First;
        await summary.WaitForAsync();
        await summary.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "3-align-summary");

        await page.GetByText("Personal Chat", new() { Exact = true }).ClickAsync();
        var editor = page.Locator("[data-lexical-editor=\"true\"][role=textbox]").Last;
        await editor.ClickAsync();
        await page.Keyboard.TypeAsync("help");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("Negotiation Coach commands").First.WaitForAsync();
        await ShotAsync(page, "4-personal-help");
    }

    /// <summary>A new post in the channel that @mentions the bot: "Start a new post", "@", pick the bot, type, Enter.</summary>
    private static async Task PostInChannelAsync(IPage page, string text)
    {
        var editor = page.Locator("[data-lexical-editor=\"true\"][role=textbox]").First;
        await editor.ClickAsync();
        await page.Keyboard.TypeAsync("@");
        await page.Locator("[role=menuitem]", new() { HasText = "Test Bot" }).First.ClickAsync();
        await page.Keyboard.TypeAsync(" " + text);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText(text, new() { Exact = false }).First.WaitForAsync();
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, name + ".png"), FullPage = true });
}
