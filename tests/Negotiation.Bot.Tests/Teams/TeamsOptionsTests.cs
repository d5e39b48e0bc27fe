using Negotiation.Bot.Hosting;
using Negotiation.Teams;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>Teams settings are checked at start: each problem names the setting; the host refuses to start.</summary>
public sealed class TeamsOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndTeamsIsOff()
    {
        var options = new TeamsOptions();

        Assert.Empty(options.Validate());
        Assert.False(options.IsEnabled);
    }

    [Fact]
    public void DevelopmentMode_IsAllowUnauthenticatedWithNoAppId()
    {
        var options = new TeamsOptions { AllowUnauthenticated = true };

        Assert.Empty(options.Validate());
        Assert.True(options.IsDevelopmentMode);
    }

    [Theory]
    [InlineData("Teams:AllowUnauthenticated", "app", "secret", null, true, null)]
    [InlineData("Teams:AppPassword", "app", null, null, false, null)]
    [InlineData("Teams:TenantId", "app", "secret", "contoso", false, null)]
    [InlineData("Teams:OpenIdMetadataUrl", "app", "secret", null, false, "http://keys.example.com/openid")]
    public void BadSettings_NameTheSetting(string setting, string? appId, string? password, string? tenant, bool unauthenticated, string? metadata)
    {
        var options = new TeamsOptions { AppId = appId, AppPassword = password, TenantId = tenant, AllowUnauthenticated = unauthenticated };
        if (metadata is not null)
        {
            options.OpenIdMetadataUrl = new Uri(metadata);
        }

        Assert.Contains(options.Validate(), p => p.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void LoopbackHttpMetadata_IsAllowedForTests()
    {
        var options = new TeamsOptions { AppId = "app", AppPassword = "secret", OpenIdMetadataUrl = new Uri("http://127.0.0.1:5000/v1/.well-known/openidconfiguration"), TokenEndpoint = new Uri("http://127.0.0.1:5000/token") };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Host_WithAppIdButNoSecret_RefusesToStartNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WebHost.Build(["--Teams:AppId=2b8f3c4d-1111-4222-8333-944455566677"]));

        Assert.Contains("Teams:AppPassword", error.Message, StringComparison.Ordinal);
    }
}
