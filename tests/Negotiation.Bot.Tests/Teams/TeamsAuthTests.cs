using System.Net;
using Microsoft.IdentityModel.Tokens;
using Negotiation.Testing;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>
/// Bot Framework authentication at the wire (protocols.md B2): tokens minted with locally generated RSA keys,
/// published by a local OpenID metadata and JWKS server. Every refusal is 401 (403 for a key not endorsed for the
/// channel), and a refused activity records nothing: no inbox item, no conversation reference, no reply.
/// </summary>
public sealed class TeamsAuthTests : IAsyncLifetime
{
    private TeamsHarness _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsHarness.StartAsync();

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private string ServiceUrl => _teams.Connector.ServiceUrl;

    [Fact]
    public async Task ValidToken_IsAcceptedAndTheMessageRecorded()
    {
        var response = await _teams.PostAsync(_teams.ChannelMessage("1", "help"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await _teams.CountAsync("inbox"));
        Assert.Equal(1, await _teams.CountAsync("conversation_references"));
    }

    [Fact]
    public async Task ExpiredBeyondFiveMinutesSkew_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, ServiceUrl, now: DateTimeOffset.UtcNow.AddMinutes(-20), lifetime: TimeSpan.FromMinutes(10));
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredWithinFiveMinutesSkew_IsAccepted()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, ServiceUrl, now: DateTimeOffset.UtcNow.AddMinutes(-12), lifetime: TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("1", "help"), "Bearer " + token)).StatusCode);
    }

    [Fact]
    public async Task NotYetValid_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, ServiceUrl, notBefore: DateTimeOffset.UtcNow.AddMinutes(10));
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongIssuer_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, ServiceUrl, issuer: "https://evil.example.com");
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongAudience_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, "another-bots-app-id", ServiceUrl);
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownKey_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Mint(BotFrameworkIssuer.NewKey(), TeamsHarness.AppId, ServiceUrl);
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyNotEndorsedForTheChannel_Is403AndNothingRecorded()
    {
        var skypeOnly = _teams.Issuer.AddKey("skype");
        var token = BotFrameworkIssuer.Mint(skypeOnly, TeamsHarness.AppId, ServiceUrl);
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ServiceUrlClaimDifferentFromTheActivity_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, "https://smba.trafficmanager.net/emea/");
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ServiceUrlClaimInOtherCase_IsAccepted()
    {
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, ServiceUrl.ToUpperInvariant().Replace("HTTP://", "http://", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("1", "help"), "Bearer " + token)).StatusCode);
    }

    [Fact]
    public async Task AlgNone_Is401AndNothingRecorded() =>
        await AssertRefusedAsync("Bearer " + BotFrameworkIssuer.WithoutSignature(TeamsHarness.AppId, ServiceUrl), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task SymmetricHs256_Is401AndNothingRecorded()
    {
        var secret = new SymmetricSecurityKey(new byte[32]) { KeyId = _teams.Key.KeyId };
        var token = BotFrameworkIssuer.Mint(_teams.Key, TeamsHarness.AppId, ServiceUrl);
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).EncodedPayload is { } payload ? Base64UrlEncoder.Decode(payload) : "",
            new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
        await AssertRefusedAsync("Bearer " + forged, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TamperedPayload_Is401AndNothingRecorded()
    {
        var token = BotFrameworkIssuer.Tampered(BotFrameworkIssuer.Mint(_teams.Key, "someone-else", ServiceUrl), TeamsHarness.AppId);
        await AssertRefusedAsync("Bearer " + token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoBearerToken_Is401AndNothingRecorded()
    {
        await AssertRefusedAsync("", HttpStatusCode.Unauthorized);
        await AssertRefusedAsync("Basic " + Convert.ToBase64String("a:b"u8.ToArray()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyPublishedAfterTheCacheWasFilled_IsFetchedOnItsUnknownKid()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _teams.PostAsync(_teams.ChannelMessage("1", "help"))).StatusCode);
        var fetchesBefore = _teams.Issuer.MetadataRequests;

        var rotated = _teams.Issuer.AddKey("msteams");
        var token = BotFrameworkIssuer.Mint(rotated, TeamsHarness.AppId, ServiceUrl);
        var response = await _teams.PostAsync(_teams.ChannelMessage("2", "help"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(_teams.Issuer.MetadataRequests > fetchesBefore);
    }

    private async Task AssertRefusedAsync(string authorization, HttpStatusCode expected)
    {
        var response = await _teams.PostAsync(_teams.ChannelMessage("1", "give 5% discount"), authorization);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await _teams.CountAsync("inbox"));
        Assert.Equal(0, await _teams.CountAsync("conversation_references"));
        Assert.Empty(_teams.Connector.Calls);
    }
}
