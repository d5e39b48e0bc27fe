using System.CommandLine;
using System.Globalization;
using Negotiation.Bot.Hosting;

namespace Negotiation.Bot.Cli;

/// <summary>
/// The command line: <c>serve</c> (default) runs the web host; <c>replay FILE</c> runs a transcript through the
/// pipeline; <c>chat</c> does the same interactively; <c>interpret</c>, <c>rephrase</c>, <c>eval</c> and <c>train</c> work the
/// language engine (see <see cref="LanguageCli"/>).
/// </summary>
public static class BotCli
{
    /// <summary>Exit code for a missing or unreadable transcript.</summary>
    public const int FileError = 2;

    /// <summary>Exit code when a setting is wrong (the message names it).</summary>
    public const int InvalidSettings = 3;

    /// <summary>Exit code of <c>healthcheck</c> when the host does not answer healthy.</summary>
    public const int Unhealthy = 1;

    /// <summary>Where the container image's host listens (ASPNETCORE_HTTP_PORTS=8080).</summary>
    public static readonly Uri DefaultHealthUrl = new("http://127.0.0.1:8080/healthz");

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var format = new Option<OutputFormat>("--format") { Description = "text (default) or json (JSON Lines: line, kind, text)", DefaultValueFactory = _ => OutputFormat.Text };
        var now = new Option<DateTimeOffset?>("--now") { Description = "The replay's start time (ISO 8601), so relative dates are repeatable; default: now" };
        var file = new Argument<string>("FILE") { Description = "Transcript: one \"Name: text\" per line; /deal … lines are commands; # comments" };

        var replay = new Command("replay", "Run a transcript through the pipeline and print what the bot would say") { file, format, now };
        replay.SetAction((parse, cancellationToken) => ReplayAsync(parse.GetValue(file)!, parse.GetValue(format), parse.GetValue(now), output, error, cancellationToken));

        var chat = new Command("chat", "Talk to the bot in the terminal: type \"Name: text\" or just text; Ctrl-D to end") { format, now };
        chat.SetAction((parse, cancellationToken) => ChatAsync(input, parse.GetValue(format), parse.GetValue(now), output, cancellationToken));

        var serve = new Command("serve", "Run the web host (the default)") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parse, cancellationToken) => ServeAsync([.. parse.UnmatchedTokens], error, cancellationToken));

        var url = new Option<string>("--url") { Description = "The liveness endpoint to ask (default " + DefaultHealthUrl + ")", DefaultValueFactory = _ => DefaultHealthUrl.AbsoluteUri };
        var healthcheck = new Command("healthcheck", "Exit 0 when the host's /healthz answers 200 (for container health checks; no curl needed)") { url };
        healthcheck.SetAction((parse, cancellationToken) => HealthcheckAsync(parse.GetValue(url)!, output, error, cancellationToken));

        var root = new RootCommand("Negotiation Coach: coaches a deal team's concessions in Slack and Teams") { replay, chat, serve, healthcheck };
        foreach (var command in LanguageCli.Commands(output, error))
        {
            root.Subcommands.Add(command);
        }

        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, cancellationToken) => ServeAsync([.. parse.UnmatchedTokens], error, cancellationToken));

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }

    private static async Task<int> ServeAsync(string[] args, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = WebHost.Build(args);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith(SettingsBinder.ErrorPrefix, StringComparison.Ordinal))
        {
            // Wrong settings are the operator's to fix: say which, without a stack trace.
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return InvalidSettings;
        }

        await using var disposeApp = app;
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> HealthcheckAsync(string address, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"healthcheck: --url \"{address}\" must be an absolute http(s) URL, e.g. {DefaultHealthUrl}").ConfigureAwait(false);
            return Unhealthy;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync("healthy").ConfigureAwait(false);
                return 0;
            }

            await error.WriteLineAsync($"healthcheck: {url} answered {(int)response.StatusCode}").ConfigureAwait(false);
            return Unhealthy;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"healthcheck: {url} did not answer ({e.GetType().Name})").ConfigureAwait(false);
            return Unhealthy;
        }
    }

    private static async Task<int> ReplayAsync(string path, OutputFormat format, DateTimeOffset? now, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            await error.WriteLineAsync($"replay: can't read transcript \"{path}\": {Reason(e)}").ConfigureAwait(false);
            return FileError;
        }

        var printer = new ReplyPrinter(output, format);
        await using var session = new ReplaySession(now ?? DateTimeOffset.UtcNow);
        for (var i = 0; i < lines.Length; i++)
        {
            await RunLineAsync(session, printer, i + 1, lines[i], cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> ChatAsync(TextReader input, OutputFormat format, DateTimeOffset? now, TextWriter output, CancellationToken cancellationToken)
    {
        var printer = new ReplyPrinter(output, format);
        await using var session = new ReplaySession(now ?? DateTimeOffset.UtcNow);
        if (format == OutputFormat.Text)
        {
            await output.WriteLineAsync("Negotiation Coach chat. Type \"Name: message\" (or just a message), /deal help for commands, Ctrl-D to end.").ConfigureAwait(false);
        }

        var number = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            var said = line.Contains(':', StringComparison.Ordinal) && !line.TrimStart().StartsWith("/deal", StringComparison.OrdinalIgnoreCase) ? line : "you: " + line;
            await RunLineAsync(session, printer, number, said, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task RunLineAsync(ReplaySession session, ReplyPrinter printer, int number, string raw, CancellationToken cancellationToken)
    {
        var line = Transcript.ParseLine(number, raw, out var problem);
        if (problem is not null)
        {
            printer.PrintError(number, problem);
            return;
        }

        if (line is null)
        {
            return;
        }

        printer.PrintSaid(line);
        foreach (var message in await session.SayAsync(line, cancellationToken).ConfigureAwait(false))
        {
            printer.Print(number, message, line.Author);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        System.Text.DecoderFallbackException => "not valid UTF-8",
        _ => e.Message.ToString(CultureInfo.InvariantCulture),
    };
}
