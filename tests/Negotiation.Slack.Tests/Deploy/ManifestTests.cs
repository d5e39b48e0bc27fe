using Negotiation.Slack.Http;
using YamlDotNet.RepresentationModel;

namespace Negotiation.Slack.Tests.Deploy;

/// <summary>deploy/slack/manifest.yaml gives the app everything the bot uses: scopes, events, the command, the shortcut, the URLs.</summary>
public sealed class ManifestTests
{
    private static readonly YamlMappingNode Manifest = Load();

    [Fact]
    public void BotScopes_AreExactlyTheOnesTheInstallAsksFor()
    {
        var scopes = Sequence(Manifest, "oauth_config", "scopes", "bot");

        Assert.Equal(new SlackOptions().Scopes.Split(',').Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Events_CoverChannelMessagesMentionsAndUninstall()
    {
        var events = Sequence(Manifest, "settings", "event_subscriptions", "bot_events");

        Assert.Equal(["app_mention", "app_uninstalled", "message.channels", "message.groups", "tokens_revoked"], events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DealCommand_AndRephraseShortcut_PointAtTheHostsEndpoints()
    {
        var command = Assert.Single(Items(Manifest, "features", "slash_commands"));
        var shortcut = Assert.Single(Items(Manifest, "features", "shortcuts"));

        Assert.Equal("/deal", Scalar(command, "command"));
        Assert.EndsWith("/slack/commands", Scalar(command, "url"), StringComparison.Ordinal);
        Assert.Equal(SlackDispatcher.RephraseShortcut, Scalar(shortcut, "callback_id"));
        Assert.Equal("message", Scalar(shortcut, "type"));
        Assert.EndsWith("/slack/events", Scalar(Node(Manifest, "settings", "event_subscriptions"), "request_url"), StringComparison.Ordinal);
        Assert.EndsWith("/slack/interactions", Scalar(Node(Manifest, "settings", "interactivity"), "request_url"), StringComparison.Ordinal);
        Assert.Equal("true", Scalar(Node(Manifest, "settings", "interactivity"), "is_enabled"));
        Assert.EndsWith("/slack/oauth/callback", Assert.Single(Sequence(Manifest, "oauth_config", "redirect_urls")), StringComparison.Ordinal);
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "deploy", "slack", "manifest.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Node(YamlMappingNode root, params string[] path) =>
        path.Aggregate(root, (node, key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)]);

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode root, params string[] path) =>
        ((YamlSequenceNode)Node(root, path[..^1]).Children[new YamlScalarNode(path[^1])]).Children.Cast<YamlMappingNode>();

    private static List<string> Sequence(YamlMappingNode root, params string[] path) =>
        ((YamlSequenceNode)Node(root, path[..^1]).Children[new YamlScalarNode(path[^1])]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
