using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Bot.Composition;
using Negotiation.Bot.Hosting;
using Negotiation.Conversations;

namespace Negotiation.Bot.Tests.Hosting;

public class ConfigurationTests
{
    [Theory]
    [InlineData("--Storage:Retention=01:00:00", "Storage:Retention")]
    [InlineData("--Storage:ConnectionString=", "Storage:ConnectionString")]
    [InlineData("--Storage:InboxMaxAttempts=0", "Storage:InboxMaxAttempts")]
    [InlineData("--Workers:InboxConcurrency=0", "Workers:InboxConcurrency")]
    [InlineData("--Workers:PollInterval=00:05:00", "Workers:PollInterval")]
    public void Build_InvalidSetting_StopsAtStartNamingTheSetting(string setting, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => WebHost.Build(["--urls", "http://127.0.0.1:0", setting]));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNegotiationEngine_BindsConversationSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Conversations:MinConfidence"] = "0.8",
            ["Conversations:AllowedWorkspaces:0"] = "T1",
            ["Conversations:AllowedWorkspaces:1"] = "T2",
        }).Build();

        using var services = new ServiceCollection().AddLogging().AddNegotiationEngine(configuration).BuildServiceProvider();
        var options = services.GetRequiredService<ConversationOptions>();

        Assert.Equal(0.8, options.MinConfidence);
        Assert.Equal(["T1", "T2"], options.AllowedWorkspaces);
    }
}
