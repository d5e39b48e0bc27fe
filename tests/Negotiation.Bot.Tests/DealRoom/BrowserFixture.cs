using Microsoft.Playwright;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>
/// Debian's headless Chromium driven by Playwright (no browser download: the system executable, from
/// NEGOTIATION_TEST_CHROMIUM or /usr/bin/chromium), and one deal-room host for the browser tests to share.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "NEGOTIATION_TEST_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    internal DealRoomHarness Room { get; private set; } = null!;

    /// <summary>Where step screenshots go: <c>artifacts/screenshots</c> at the repository root.</summary>
    public string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } set ? set : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at \"{chromium}\" ({ChromiumVariable}, default {DefaultChromium}). Install it with .ci/chromium.sh (apt-get install chromium) or point {ChromiumVariable} at it.");
        }

        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(30_000);
        Room = await DealRoomHarness.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Room is not null)
        {
            await Room.DisposeAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
