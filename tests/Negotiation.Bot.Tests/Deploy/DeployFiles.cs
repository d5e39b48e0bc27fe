using System.Text.Json;
using System.Text.RegularExpressions;
using Negotiation.Bot.Tests.Hosting;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Bot.Tests.Deploy;

/// <summary>Reading the deploy/ files the way the tests check them: YAML trees, the Dockerfile's instructions, the sample's keys.</summary>
internal static partial class DeployFiles
{
    public static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlMappingNode YamlFile(params string[] path) => Yaml(File.ReadAllText(Repository.PathOf(path)));

    public static YamlNode? At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static string? Scalar(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    /// <summary>Every setting path in appsettings.sample.json (Section:Key, Section:Group:Key), descriptions left out.</summary>
    public static HashSet<string> SampleKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("appsettings.sample.json")));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(json.RootElement, null, keys);
        return keys;
    }

    /// <summary>An environment variable name in configuration form (Section__Key → Section:Key).</summary>
    public static string ConfigKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Environment variables the .NET runtime and ASP.NET Core read themselves.</summary>
    public static bool IsFrameworkVariable(string name) => name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal);

    /// <summary>The Dockerfile as instructions (continuation lines joined, comments dropped).</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> Dockerfile()
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(Repository.PathOf("deploy", "docker", "Dockerfile")))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = pending + line;
            pending = "";
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }

        return instructions;
    }

    /// <summary>
    /// A Helm template rendered just enough to parse: control lines (if/range/end/include…) dropped, simple
    /// <c>{{ .Values.a.b }}</c> (optionally <c>| quote</c>) replaced by its value from values.yaml, anything else by "x".
    /// </summary>
    public static string RenderTemplate(string template, YamlMappingNode values)
    {
        var lines = template.Split('\n').Where(l => !ControlLine().IsMatch(l));
        return Expression().Replace(string.Join('\n', lines), m =>
        {
            var path = m.Groups["path"].Value;
            if (path.Length > 0 && At(values, path.Split('.')) is YamlScalarNode scalar)
            {
                return m.Groups["quote"].Success ? JsonSerializer.Serialize(scalar.Value) : scalar.Value ?? "";
            }

            return "x";
        });
    }

    /// <summary>Every <c>.Values.a.b</c> path a template names.</summary>
    public static IEnumerable<string> ValuesPaths(string template) => ValuesPath().Matches(template).Select(m => m.Groups["path"].Value);

    private static void Collect(JsonElement element, string? prefix, HashSet<string> keys)
    {
        foreach (var property in element.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
        {
            var path = prefix is null ? property.Name : prefix + ":" + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Collect(property.Value, path, keys);
            }
            else
            {
                keys.Add(path);
            }
        }
    }

    [GeneratedRegex(@"^\s*\{\{-?\s*(if|else|end|range|with|include|toYaml|define|-?\s*/\*)[^\n]*\}\}\s*$")]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"\{\{-?\s*(\$?\.Values\.(?<path>[A-Za-z0-9_.]+))?[^}]*?(?<quote>\|\s*quote)?\s*-?\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\$?\.Values\.(?<path>[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesPath();
}
