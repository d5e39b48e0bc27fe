using System.Diagnostics;
using System.Text.RegularExpressions;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>
/// Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>), Microsoft's local Teams channel
/// simulator, installed from <c>tests/teams-playground/package-lock.json</c> with <c>npm ci</c> (never vendored) and
/// run in anonymous mode against a bot endpoint, in a temporary working directory (it writes <c>devTools/</c>).
/// </summary>
internal sealed partial class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workingDirectory;

    private AgentsPlayground(Process process, string workingDirectory, Uri url)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        Url = url;
    }

    public Uri Url { get; }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Could not find the repository root (Negotiation.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint)
    {
        var package = Path.Combine(RepositoryRoot, "tests", "teams-playground");
        var cli = Path.Combine(package, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], package);
        }

        var folder = Path.Combine(Path.GetTempPath(), "negotiation-playground", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[cli, "-e", botEndpoint.AbsoluteUri, "-c", "msteams", "-p", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the Agents Playground.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The Agents Playground exited:\n" + output));
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            // It silently picks another port when the asked one is taken: read the one it says.
            if (Listening().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new AgentsPlayground(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private static async Task RunAsync(string file, string[] args, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}) in {directory}:\n{await stdout}\n{await stderr}");
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
