using Negotiation.Bot.Cli;
using Negotiation.Bot.Tests.Hosting;

namespace Negotiation.Bot.Tests.Cli;

/// <summary><c>healthcheck</c>: the container's HEALTHCHECK, asking a running host's /healthz without curl.</summary>
public sealed class HealthcheckCommandTests
{
    [Fact]
    public async Task Healthcheck_RunningHost_ExitsZero()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-healthcheck-tests", Guid.NewGuid().ToString("N"));
        int code;
        using var output = new StringWriter();
        using var error = new StringWriter();
        await using (var host = await TestHost.StartAsync(TestHost.Sqlite(folder)))
        {
            code = await BotCli.RunAsync(["healthcheck", "--url", new Uri(host.Http.BaseAddress!, "/healthz").AbsoluteUri], TextReader.Null, output, error);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        Assert.Equal(0, code);
        Assert.Equal("healthy", output.ToString().Trim());
    }

    [Fact]
    public async Task Healthcheck_NothingListening_ExitsUnhealthyWithTheReason()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var error = new StringWriter();

        var code = await BotCli.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{port}/healthz"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(BotCli.Unhealthy, code);
        Assert.Contains("did not answer", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_NotAnHttpUrl_ExitsUnhealthySayingSo()
    {
        using var error = new StringWriter();

        var code = await BotCli.RunAsync(["healthcheck", "--url", "ftp://127.0.0.1/healthz"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(BotCli.Unhealthy, code);
        Assert.Contains("absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }
}
