using System.Text;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Slack.Auth;

namespace Negotiation.Slack.Tests.Auth;

/// <summary>protocols.md A1: Slack's published test vector and the python-slack-sdk conformance cases.</summary>
public class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static SlackSignatureVerifier At(long unixSeconds) =>
        new(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Verify_SlacksPublishedTestVector_IsValid() =>
        Assert.Equal(SlackSignatureFailure.None, At(1531420618).Verify(Timestamp, Expected, Body));

    [Fact]
    public void Sign_SlacksPublishedTestVector_ReproducesTheSignature() =>
        Assert.Equal(Expected, At(1531420618).Sign(Timestamp, Body));

    [Fact]
    public void Verify_BodyWithAppendedBytes_IsAMismatch() =>
        Assert.Equal(SlackSignatureFailure.Mismatch, At(1531420618).Verify(Timestamp, Expected, [.. Body, .. "------"u8.ToArray()]));

    [Fact]
    public void Verify_AtTodaysClock_IsStale() =>
        Assert.Equal(SlackSignatureFailure.Stale, At(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Verify(Timestamp, Expected, Body));

    [Theory]
    [InlineData(300, SlackSignatureFailure.None)]
    [InlineData(301, SlackSignatureFailure.Stale)]
    [InlineData(-300, SlackSignatureFailure.None)]
    [InlineData(-301, SlackSignatureFailure.Stale)]
    public void Verify_FiveMinuteWindow_EitherWay(int skewSeconds, SlackSignatureFailure expected) =>
        Assert.Equal(expected, At(1531420618 + skewSeconds).Verify(Timestamp, Expected, Body));

    [Theory]
    [InlineData(null, Expected, SlackSignatureFailure.Missing)]
    [InlineData(Timestamp, null, SlackSignatureFailure.Missing)]
    [InlineData("", "", SlackSignatureFailure.Missing)]
    [InlineData("15314206xx", Expected, SlackSignatureFailure.BadTimestamp)]
    [InlineData("-1531420618", Expected, SlackSignatureFailure.BadTimestamp)]
    [InlineData(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureFailure.BadFormat)]
    [InlineData(Timestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureFailure.BadFormat)]
    [InlineData(Timestamp, "v0=a2114d57", SlackSignatureFailure.BadFormat)]
    [InlineData(Timestamp, "v0=b2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureFailure.Mismatch)]
    public void Verify_MissingOrMalformedHeaders_Fail(string? timestamp, string? signature, SlackSignatureFailure expected) =>
        Assert.Equal(expected, At(1531420618).Verify(timestamp, signature, Body));

    [Fact]
    public void Verify_UppercaseHexOfTheRightMac_IsAccepted() =>
        Assert.Equal(SlackSignatureFailure.None, At(1531420618).Verify(Timestamp, "v0=" + Expected[3..].ToUpperInvariant(), Body));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_EmptySecret_IsAConfigurationError(string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => new SlackSignatureVerifier(secret, TimeProvider.System));
        Assert.Contains("Slack:SigningSecret", error.Message, StringComparison.Ordinal);
    }
}
