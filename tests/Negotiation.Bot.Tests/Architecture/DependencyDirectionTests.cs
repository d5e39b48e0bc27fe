using System.Reflection;

namespace Negotiation.Bot.Tests.Architecture;

/// <summary>The dependency rules of docs/architecture.md, checked from the compiled assemblies' references.</summary>
public class DependencyDirectionTests
{
    private static readonly Assembly Domain = typeof(Domain.Deals.Deal).Assembly;
    private static readonly Assembly Conversations = typeof(Conversations.Pipeline.ConversationPipeline).Assembly;
    private static readonly Assembly Language = typeof(Language.Rules.RuleBasedInterpreter).Assembly;
    private static readonly Assembly Storage = typeof(Storage.Model.NegotiationDbContext).Assembly;
    private static readonly Assembly Slack = typeof(Negotiation.Slack.SlackOptions).Assembly;
    private static readonly Assembly Teams = typeof(Negotiation.Teams.TeamsOptions).Assembly;
    private static readonly Assembly Bot = typeof(Negotiation.Bot.Cli.BotCli).Assembly;

    private static HashSet<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> ProjectReferences(Assembly assembly) =>
        References(assembly).Where(n => n.StartsWith("Negotiation.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Domain_ReferencesNothingButTheBaseLibrary()
    {
        var outside = References(Domain).Where(n => !(n.StartsWith("System", StringComparison.Ordinal) || n is "netstandard" or "mscorlib")).ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void Conversations_ReferencesOnlyDomain() =>
        Assert.Equal(["Negotiation.Domain"], ProjectReferences(Conversations));

    [Fact]
    public void Conversations_DoesNotReferenceAnyHostOrStorageFramework()
    {
        var forbidden = References(Conversations).Where(n =>
            n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || n.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.Empty(forbidden);
    }

    [Fact]
    public void Language_ReferencesOnlyDomainAndConversations() =>
        Assert.Subset(new HashSet<string>(["Negotiation.Domain", "Negotiation.Conversations"]), ProjectReferences(Language));

    [Fact]
    public void Storage_ReferencesOnlyDomainAndConversations() =>
        Assert.Subset(new HashSet<string>(["Negotiation.Domain", "Negotiation.Conversations"]), ProjectReferences(Storage));

    [Fact]
    public void Slack_ReferencesOnlyDomainAndConversations() =>
        Assert.Subset(new HashSet<string>(["Negotiation.Domain", "Negotiation.Conversations"]), ProjectReferences(Slack));

    [Fact]
    public void Teams_ReferencesOnlyDomainAndConversations() =>
        Assert.Subset(new HashSet<string>(["Negotiation.Domain", "Negotiation.Conversations"]), ProjectReferences(Teams));

    [Fact]
    public void OnlyTheHost_ReferencesStorage()
    {
        Assert.Contains("Negotiation.Storage", ProjectReferences(Bot));
        Assert.DoesNotContain("Negotiation.Storage", ProjectReferences(Language));
        Assert.DoesNotContain("Negotiation.Storage", ProjectReferences(Conversations));
        Assert.DoesNotContain("Negotiation.Storage", ProjectReferences(Slack));
        Assert.DoesNotContain("Negotiation.Storage", ProjectReferences(Teams));
    }

    [Fact]
    public void OnlyTheHost_ReferencesLanguage()
    {
        Assert.Contains("Negotiation.Language", ProjectReferences(Bot));
        Assert.DoesNotContain("Negotiation.Language", ProjectReferences(Conversations));
        Assert.DoesNotContain("Negotiation.Language", ProjectReferences(Domain));
    }

    [Fact]
    public void OnlyTheHost_ReferencesOpenTelemetry()
    {
        static bool IsOpenTelemetry(string name) => name.StartsWith("OpenTelemetry", StringComparison.Ordinal);
        Assert.Contains(References(Bot), IsOpenTelemetry);
        foreach (var library in new[] { Domain, Conversations, Language, Storage, Slack })
        {
            Assert.DoesNotContain(References(library), IsOpenTelemetry);
        }
    }
}
