using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Negotiation.Teams.Http;
using Negotiation.Teams.Wire;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>deploy/teams: the manifest gives the app what the bot uses, the icons have Teams' sizes, and the package script validates and zips.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(AgentsPlayground.RepositoryRoot, "deploy", "teams");
    private static readonly JsonObject Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    [Fact]
    public void Manifest_UsesSchema119WithBotScopesRscAndWebApplicationInfo()
    {
        Assert.Equal("1.19", (string?)Manifest["manifestVersion"]);
        Assert.Contains("/v1.19/MicrosoftTeams.schema.json", (string?)Manifest["$schema"], StringComparison.Ordinal);
        var bot = Assert.Single(Manifest["bots"]!.AsArray())!;
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => (string?)s).Order(StringComparer.Ordinal));
        Assert.Equal((string?)bot["botId"], (string?)Manifest["webApplicationInfo"]!["id"]);
        var rsc = Manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray();
        Assert.Contains(rsc, p => (string?)p!["name"] == "ChannelMessage.Read.Group" && (string?)p["type"] == "Application");
    }

    [Fact]
    public void EverySubcommand_HasACommandListEntryWithinTeamsLimits()
    {
        var lists = Manifest["bots"]![0]!["commandLists"]!.AsArray();
        var titles = lists.SelectMany(l => l!["commands"]!.AsArray()).Select(c => (string)c!["title"]!).ToHashSet(StringComparer.Ordinal);

        Assert.All(TeamsActivityReader.Subcommands, s => Assert.Contains(s, titles));
        Assert.True(lists.Count <= 3);
        Assert.All(lists, l => Assert.InRange(l!["commands"]!.AsArray().Count, 1, 10));
        Assert.All(lists.SelectMany(l => l!["commands"]!.AsArray()), c =>
        {
            Assert.InRange(((string)c!["title"]!).Length, 1, 32);
            Assert.InRange(((string)c["description"]!).Length, 1, 128);
        });
    }

    [Fact]
    public void MessageAction_IsTheRephraseCommandTheDispatcherHandles()
    {
        var command = Assert.Single(Manifest["composeExtensions"]![0]!["commands"]!.AsArray())!;

        Assert.Equal(TeamsDispatcher.RephraseCommandId, (string?)command["id"]);
        Assert.Equal("action", (string?)command["type"]);
        Assert.Equal(["message"], command["context"]!.AsArray().Select(c => (string?)c));
        Assert.True((bool)command["fetchTask"]!);
    }

    [Fact]
    public void Icons_AreA192ColorAndA32OutlinePng()
    {
        Assert.Equal((192, 192), PngSize(Path.Combine(Folder, (string)Manifest["icons"]!["color"]!)));
        Assert.Equal((32, 32), PngSize(Path.Combine(Folder, (string)Manifest["icons"]!["outline"]!)));
    }

    [Fact]
    public async Task PackageScript_FillsTheIdsAndZipsManifestAndIcons()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"teams-{Guid.NewGuid():N}.zip");
        try
        {
            var (code, output) = await PackageAsync(zip, new() { ["TEAMS_BOT_ID"] = TeamsHarness.AppId, ["TEAMS_APP_ID"] = "0f7a6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", ["TEAMS_BOT_DOMAIN"] = "coach.example.com" });

            Assert.True(code == 0, output);
            using var archive = ZipFile.OpenRead(zip);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
            var packaged = JsonNode.Parse(await reader.ReadToEndAsync())!;
            Assert.Equal(TeamsHarness.AppId, (string?)packaged["bots"]![0]!["botId"]);
            Assert.Equal("coach.example.com", (string?)packaged["validDomains"]![0]);
            Assert.DoesNotContain("${{", packaged.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task PackageScript_WithoutIds_NamesWhatIsMissingAndWritesNothing()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"teams-{Guid.NewGuid():N}.zip");

        var (code, output) = await PackageAsync(zip, new() { ["TEAMS_BOT_ID"] = "not-a-guid", ["TEAMS_APP_ID"] = "", ["TEAMS_BOT_DOMAIN"] = "https://coach.example.com/" });

        Assert.NotEqual(0, code);
        Assert.Contains("TEAMS_BOT_ID", output, StringComparison.Ordinal);
        Assert.Contains("TEAMS_APP_ID", output, StringComparison.Ordinal);
        Assert.Contains("TEAMS_BOT_DOMAIN", output, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    private static async Task<(int Code, string Output)> PackageAsync(string zip, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Folder, "package.sh"));
        start.ArgumentList.Add(zip);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var head = File.ReadAllBytes(path).AsSpan(0, 24);
        Assert.True(head[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), $"{path} is not a PNG");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head[16..20]), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head[20..24]));
    }
}
