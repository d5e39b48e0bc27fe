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
    [InlineData("--Slack:BotToken=xoxp-user-token", "Slack:BotToken")]
    [InlineData("--Slack:AppToken=xoxb-not-an-app-token", "Slack:AppToken")]
    [InlineData("--Slack:ClientId=111.222", "Slack:ClientSecret")]
    [InlineData("--Slack:ApiTimeout=00:05:00", "Slack:ApiTimeout")]
    [InlineData("--Slack:ApiBaseUrl=ftp://slack.example.com/", "Slack:ApiBaseUrl")]
    [InlineData("--Slack:SigningSecrett=typo", "Slack:SigningSecrett")]
    [InlineData("--Workers:InboxConcurrency=two", "Workers:InboxConcurrency")]
    [InlineData("--Conversations:MinConfidence=1.5", "Conversations:MinConfidence")]
    [InlineData("--Conversations:MaxMessageLength=0", "Conversations:MaxMessageLength")]
    [InlineData("--LocalChannel:ReplyWebhook=/relative/hook", "LocalChannel:ReplyWebhook")]
    [InlineData("--Telemetry:OtlpEndpoint=otel-collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("--Telemetry:OtlpProtocol=Thrift", "Telemetry:OtlpProtocol")]
    [InlineData("--Telemetry:Prometheus:Path=metrics", "Telemetry:Prometheus:Path")]
    [InlineData("--Telemetry:Prometheus:Enabeld=true", "Telemetry:Prometheus:Enabeld")]
    [InlineData("--Telemetry:CredentialCheckInterval=00:00:01", "Telemetry:CredentialCheckInterval")]
    [InlineData("--Storage:Provider=Oracle", "Storage:Provider")]
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

    [Fact]
    public void OAuthWithoutRedirectUrl_StopsAtStartNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            WebHost.Build(["--urls", "http://127.0.0.1:0", "--Slack:SigningSecret=s", "--Slack:ClientId=1.2", "--Slack:ClientSecret=x"]));
        Assert.Contains("Slack:OAuthRedirectUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASigningSecret_TheSlackEndpointsAreNotMapped()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-config-tests", Guid.NewGuid().ToString("N"));
        await using (var host = await TestHost.StartAsync([.. TestHost.Sqlite(folder), "--Slack:BotToken=xoxb-1"]))
        {
            var events = await host.Http.PostAsync(new Uri("/slack/events", UriKind.Relative), new StringContent("{}"));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, events.StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>Compose files and Helm charts pass unset settings as empty strings: those mean "not set", never "invalid".</summary>
public class EmptySettingsTests
{
    [Fact]
    public async Task Build_EmptyValuesForOptionalSettings_StartsAsIfUnset()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-config-tests", Guid.NewGuid().ToString("N"));
        string[] empty =
        [
            "--Telemetry:OtlpEndpoint=", "--LocalChannel:ReplyWebhook=", "--Slack:OAuthRedirectUrl=", "--Slack:BotToken=", "--Slack:SigningSecret=",
            "--Slack:ClientId=", "--Slack:ClientSecret=", "--Slack:AppToken=", "--DataProtection:KeysPath=",
        ];
        await using (var host = await TestHost.StartAsync([.. TestHost.Sqlite(folder), .. empty]))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
