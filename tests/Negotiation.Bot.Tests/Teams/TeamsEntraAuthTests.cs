using System.Net;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>Single-tenant bots also accept Entra-issued tokens (protocols.md B2): v1 and v2 issuers of the configured tenant, with a matching <c>tid</c>.</summary>
public sealed class TeamsEntraAuthTests : IAsyncLifetime
{
    private TeamsHarness _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsHarness.StartAsync(singleTenant: true);

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Theory]
    [InlineData("https://sts.windows.net/" + TeamsHarness.TenantId + "/")]
    [InlineData("https://login.microsoftonline.com/" + TeamsHarness.TenantId + "/v2.0")]
    public async Task EntraIssuerOfTheConfiguredTenant_IsAccepted(string issuer)
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, "api://" + TeamsHarness.AppId, _teams.Connector.ServiceUrl, issuer: issuer, extra: new Dictionary<string, object> { ["tid"] = TeamsHarness.TenantId });

        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("1", "help"), "Bearer " + token)).StatusCode);
    }

    [Fact]
    public async Task EntraIssuerWithAnotherTenantsTid_Is401AndNothingRecorded()
    {
        const string Other = "11111111-2222-3333-4444-555555555555";
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, _teams.Connector.ServiceUrl, issuer: $"https://login.microsoftonline.com/{Other}/v2.0", extra: new Dictionary<string, object> { ["tid"] = Other });

        Assert.Equal(HttpStatusCode.Unauthorized, (await _teams.PostAsync(_teams.ChannelMessage("1", "help"), "Bearer " + token)).StatusCode);
        Assert.Equal(0, await _teams.CountAsync("inbox"));
    }
}
