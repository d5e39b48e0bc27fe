using System.Text.Json;
using System.Text.RegularExpressions;
using Negotiation.Bot.Cli;
using Negotiation.Bot.Tests.Hosting;
using YamlDotNet.RepresentationModel;
using static Negotiation.Bot.Tests.Deploy.DeployFiles;

namespace Negotiation.Bot.Tests.Deploy;

/// <summary>
/// What can be checked of deploy/ without Docker, Helm or Azure: every file parses, every path the Dockerfile copies
/// exists, the chart's templates render to YAML against values.yaml, and every setting the files pass is a real one.
/// </summary>
public partial class DeployFilesTests
{
    private static readonly string Chart = Repository.PathOf("deploy", "helm", "negotiation-coach");

    public static TheoryData<string> YamlAndJsonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("deploy"), "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                     .Where(f => !f.Contains(Path.Combine("templates", ""), StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(YamlAndJsonFiles))]
    public void DeployFile_Parses(string file)
    {
        var text = File.ReadAllText(Repository.PathOf(file));
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(text);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        }
        else
        {
            Assert.NotEmpty(Yaml(text).Children);
        }
    }

    [Fact]
    public void Dockerfile_CopiesOnlyPathsThatExist_AndPublishesTheRealHostProject()
    {
        var instructions = Dockerfile();
        var stages = new List<string>();
        foreach (var (instruction, arguments) in instructions)
        {
            if (instruction == "FROM" && arguments.Split(' ') is [_, "AS", var stage])
            {
                stages.Add(stage);
            }

            if (instruction != "COPY")
            {
                continue;
            }

            var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var from = parts.FirstOrDefault(p => p.StartsWith("--from=", StringComparison.Ordinal));
            var sources = parts.Where(p => !p.StartsWith("--", StringComparison.Ordinal)).SkipLast(1).ToList();
            Assert.NotEmpty(sources);
            if (from is not null)
            {
                Assert.Contains(from["--from=".Length..], stages);
                continue;
            }

            foreach (var source in sources)
            {
                Assert.True(File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)), $"COPY {source}: no such path in the repository");
            }
        }

        var projects = instructions.Where(i => i.Instruction == "RUN").SelectMany(i => ProjectPath().Matches(i.Arguments)).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["src/Negotiation.Bot/Negotiation.Bot.csproj"], projects);
        Assert.True(File.Exists(Repository.PathOf("src", "Negotiation.Bot", "Negotiation.Bot.csproj")));
    }

    [Fact]
    public void Dockerfile_SdkBuildThenAspNetRuntime_OnTheTargetFramework_NonRoot_WithAHealthCheck()
    {
        var instructions = Dockerfile();
        var from = instructions.Where(i => i.Instruction == "FROM").Select(i => i.Arguments).ToList();
        Assert.Equal(2, from.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}", from[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}", from[1], StringComparison.Ordinal);

        var framework = Regex.Match(File.ReadAllText(Repository.PathOf("Directory.Build.props")), "<TargetFramework>net(?<v>[0-9.]+)</TargetFramework>").Groups["v"].Value;
        Assert.Contains(instructions, i => i.Instruction == "ARG" && i.Arguments == "DOTNET_VERSION=" + framework);

        var user = instructions.Last(i => i.Instruction == "USER").Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0" });

        var assembly = Regex.Match(File.ReadAllText(Repository.PathOf("src", "Negotiation.Bot", "Negotiation.Bot.csproj")), "<AssemblyName>(?<n>[^<]+)</AssemblyName>").Groups["n"].Value;
        var entry = instructions.Single(i => i.Instruction == "ENTRYPOINT").Arguments;
        Assert.Contains($"\"/app/{assembly}.dll\"", entry, StringComparison.Ordinal);

        // The healthcheck asks /healthz on the port the host listens on, which is the one exposed.
        var health = instructions.Single(i => i.Instruction == "HEALTHCHECK").Arguments;
        Assert.Contains($"\"/app/{assembly}.dll\", \"healthcheck\"", health, StringComparison.Ordinal);
        var port = instructions.Single(i => i.Instruction == "EXPOSE").Arguments;
        Assert.Contains($"http://127.0.0.1:{port}/healthz", health, StringComparison.Ordinal);
        Assert.Equal(port, BotCli.DefaultHealthUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"ASPNETCORE_URLS=http://+:{port}", string.Join(' ', instructions.Where(i => i.Instruction == "ENV").Select(i => i.Arguments)), StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_KeepsEverythingTheDockerfileCopies()
    {
        var ignored = File.ReadAllLines(Repository.PathOf(".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var copied = Dockerfile().Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));

        foreach (var path in copied)
        {
            Assert.DoesNotContain(ignored, pattern => pattern.TrimEnd('/') == path.TrimEnd('/'));
        }

        Assert.Contains("tests/", ignored);
        Assert.Contains("**/bin/", ignored);
    }

    [Fact]
    public void Compose_TwoBotReplicasBehindTheProxy_OnPostgres_SharingDataProtectionKeys()
    {
        var compose = YamlFile("deploy", "compose.yaml");
        var bot = (YamlMappingNode)At(compose, "services", "bot")!;

        Assert.True(int.Parse(Scalar(bot, "deploy", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var context = Path.GetFullPath(Path.Combine(Repository.PathOf("deploy"), Scalar(bot, "build", "context")!));
        Assert.Equal(Repository.Root.TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
        Assert.True(File.Exists(Path.Combine(context, Scalar(bot, "build", "dockerfile")!)));
        Assert.Equal("Postgres", Scalar(bot, "environment", "Storage__Provider"));
        Assert.Equal("service_healthy", Scalar(bot, "depends_on", "postgres", "condition"));

        var keysPath = Scalar(bot, "environment", "DataProtection__KeysPath");
        var volumes = ((YamlSequenceNode)At(bot, "volumes")!).Select(v => ((YamlScalarNode)v).Value!).ToList();
        Assert.Contains(volumes, v => v.EndsWith(":" + keysPath, StringComparison.Ordinal) && !v.StartsWith('.') && !v.StartsWith('/'));

        var proxy = (YamlMappingNode)At(compose, "services", "proxy")!;
        var config = ((YamlSequenceNode)At(proxy, "volumes")!).Select(v => ((YamlScalarNode)v).Value!).Single(v => v.Contains("nginx.conf", StringComparison.Ordinal));
        var nginx = File.ReadAllText(Path.Combine(Repository.PathOf("deploy"), config.Split(':')[0]));
        var port = Dockerfile().Single(i => i.Instruction == "EXPOSE").Arguments;
        Assert.Contains($"server bot:{port}", nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://bots;", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_EverySettingItPasses_IsARealConfigurationKey()
    {
        var bot = At(YamlFile("deploy", "compose.yaml"), "services", "bot", "environment") as YamlMappingNode;

        AssertRealSettings(bot!.Children.Keys.Select(k => ((YamlScalarNode)k).Value!), "deploy/compose.yaml");
    }

    [Fact]
    public void HelmChart_NamesItselfAndEveryTemplateValueExistsInValuesYaml()
    {
        var chart = YamlFile("deploy", "helm", "negotiation-coach", "Chart.yaml");
        Assert.Equal("v2", Scalar(chart, "apiVersion"));
        Assert.Equal("negotiation-coach", Scalar(chart, "name"));

        var values = YamlFile("deploy", "helm", "negotiation-coach", "values.yaml");
        var missing = Directory.EnumerateFiles(Path.Combine(Chart, "templates"))
            .SelectMany(f => ValuesPaths(File.ReadAllText(f)).Select(p => (File: Path.GetFileName(f), Path: p)))
            .Where(r => At(values, r.Path.Split('.')) is null)
            .Select(r => $"{r.File}: .Values.{r.Path}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void HelmTemplates_RenderToKubernetesObjects_WithProbesOnHealthAndReadiness()
    {
        var values = YamlFile("deploy", "helm", "negotiation-coach", "values.yaml");
        var kinds = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Chart, "templates"), "*.yaml"))
        {
            var rendered = RenderTemplate(File.ReadAllText(file), values);
            YamlMappingNode manifest;
            try
            {
                manifest = Yaml(rendered);
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
            {
                throw new Xunit.Sdk.XunitException($"{Path.GetFileName(file)} does not render to YAML: {e.Message}\n{rendered}");
            }

            Assert.NotNull(Scalar(manifest, "apiVersion"));
            kinds[Scalar(manifest, "kind")!] = manifest;
        }

        Assert.Equal(["Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"], kinds.Keys.Order(StringComparer.Ordinal));
        var container = (YamlMappingNode)((YamlSequenceNode)At(kinds["Deployment"], "spec", "template", "spec", "containers")!).Children[0];
        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
        var port = ((YamlSequenceNode)At(container, "ports")!).Children[0];
        Assert.Equal(Dockerfile().Single(i => i.Instruction == "EXPOSE").Arguments, Scalar(port, "containerPort"));
        Assert.Equal("1", Scalar(kinds["PodDisruptionBudget"], "spec", "minAvailable"));
    }

    [Fact]
    public void HelmValues_EverySettingAndSecretItPasses_IsARealConfigurationKey()
    {
        var values = YamlFile("deploy", "helm", "negotiation-coach", "values.yaml");
        var names = ((YamlMappingNode)At(values, "env")!).Children.Keys.Concat(((YamlMappingNode)At(values, "secretEnv")!).Children.Keys)
            .Select(k => ((YamlScalarNode)k).Value!);

        AssertRealSettings(names, "values.yaml");
    }

    [Fact]
    public void Bicep_EverySettingIsReal_EverySecretRefIsDefined_AndTheRequiredResourcesAreThere()
    {
        var bicep = File.ReadAllText(Repository.PathOf("deploy", "azure", "main.bicep"));

        AssertRealSettings(BicepEnvName().Matches(bicep).Select(m => m.Groups["name"].Value), "main.bicep");
        var defined = BicepSecretName().Matches(bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(BicepSecretRef().Matches(bicep).Select(m => m.Groups["name"].Value), r => Assert.Contains(r, defined));
        foreach (var type in new[]
        {
            "Microsoft.App/containerApps@", "Microsoft.App/managedEnvironments@", "Microsoft.BotService/botServices@", "Microsoft.BotService/botServices/channels@",
            "Microsoft.DBforPostgreSQL/flexibleServers@", "Microsoft.KeyVault/vaults@", "Microsoft.CognitiveServices/accounts@",
        })
        {
            Assert.Contains("'" + type, bicep, StringComparison.Ordinal);
        }

        Assert.Contains("channelName: 'MsTeamsChannel'", bicep, StringComparison.Ordinal);
        Assert.Contains("/api/messages'", bicep, StringComparison.Ordinal);
        Assert.Contains("path: '/healthz'", bicep, StringComparison.Ordinal);
        Assert.Contains("path: '/readyz'", bicep, StringComparison.Ordinal);
        Assert.Contains("= if (deployOpenAI)", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void BicepParameters_NameOnlyParametersTheTemplateDeclares_AndNoSecrets()
    {
        var bicep = File.ReadAllText(Repository.PathOf("deploy", "azure", "main.bicep"));
        var declared = BicepParam().Matches(bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var secure = BicepSecureParam().Matches(bicep).Select(m => m.Groups["name"].Value).ToList();
        using var parameters = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("deploy", "azure", "main.parameters.json")));

        var given = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(given, p => Assert.Contains(p, declared));
        Assert.NotEmpty(secure);
        Assert.All(secure, s => Assert.DoesNotContain(s, given));
    }

    [Fact]
    public void DeployReadme_LinksOnlyToFilesThatExist()
    {
        var readme = File.ReadAllText(Repository.PathOf("deploy", "README.md"));
        var links = MarkdownLink().Matches(readme).Select(m => m.Groups["target"].Value).Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith('#')).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link =>
        {
            var path = Path.GetFullPath(Path.Combine(Repository.PathOf("deploy"), link.Split('#')[0]));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"deploy/README.md links to {link}, which does not exist");
        });
        Assert.Contains("slack/manifest.yaml", readme, StringComparison.Ordinal);
        Assert.Contains("deploy/teams/", readme, StringComparison.Ordinal);
    }

    private static void AssertRealSettings(IEnumerable<string> environmentNames, string where)
    {
        var sample = SampleKeys();
        var unknown = environmentNames.Where(n => !IsFrameworkVariable(n) && !sample.Contains(ConfigKey(n))).ToList();
        Assert.True(unknown.Count == 0, $"{where} sets {string.Join(", ", unknown)}, which appsettings.sample.json does not know");
    }

    [GeneratedRegex(@"[A-Za-z0-9./-]+\.csproj")]
    private static partial Regex ProjectPath();

    [GeneratedRegex(@"\{ name: '(?<name>[A-Za-z]+__[A-Za-z_]+)'")]
    private static partial Regex BicepEnvName();

    [GeneratedRegex(@"\{ name: '(?<name>[a-z-]+)', keyVaultUrl:")]
    private static partial Regex BicepSecretName();

    [GeneratedRegex(@"secretRef: '(?<name>[a-z-]+)'")]
    private static partial Regex BicepSecretRef();

    [GeneratedRegex(@"^param (?<name>\w+) ", RegexOptions.Multiline)]
    private static partial Regex BicepParam();

    [GeneratedRegex(@"@secure\(\)\s*\nparam (?<name>\w+) ")]
    private static partial Regex BicepSecureParam();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
