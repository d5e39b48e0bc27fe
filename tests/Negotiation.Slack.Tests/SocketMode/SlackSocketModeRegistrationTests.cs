using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using Negotiation.Slack.Api;
using Negotiation.Slack.SocketMode;

using Negotiation.Testing;

namespace Negotiation.Slack.Tests.SocketMode;

public sealed class SlackSocketModeRegistrationTests
{
    [Fact]
    public void AddSlackSocketMode_NoAppToken_RegistersNoHostedService()
    {
        var services = new ServiceCollection();

        services.AddSlackSocketMode(new SlackOptions { SigningSecret = "secret" });

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public async Task AddSlackSocketMode_AppTokenSet_RegistersSocketModeClientAsHostedService()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISlackWebApi>(new TestSlackWebApi(new Uri("ws://127.0.0.1:1/")));
        services.AddScoped<ISlackEnvelopeHandler, RecordingEnvelopeHandler>();

        services.AddSlackSocketMode(new SlackOptions { AppToken = SocketModeHarness.AppToken });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        Assert.IsType<SlackSocketModeClient>(Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public async Task ScopedSlackEnvelopeHandler_TwoEnvelopes_EachHandledInItsOwnDisposedScope()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ScopeProbe>();
        services.AddScoped<ISlackEnvelopeHandler, ScopeProbeHandler>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var handler = new ScopedSlackEnvelopeHandler(provider.GetRequiredService<IServiceScopeFactory>());
        using var payload = JsonDocument.Parse("{}");

        await handler.HandleAsync("events_api", payload.RootElement);
        await handler.HandleAsync("events_api", payload.RootElement);

        var probe = provider.GetRequiredService<ScopeProbe>();
        Assert.Equal(2, probe.Handled.Distinct().Count());
        Assert.Equal(probe.Handled, probe.Disposed);
    }

    internal sealed class ScopeProbe
    {
        public List<Guid> Handled { get; } = [];

        public List<Guid> Disposed { get; } = [];
    }

    internal sealed class ScopeProbeHandler(ScopeProbe probe) : ISlackEnvelopeHandler, IDisposable
    {
        private readonly Guid _id = Guid.NewGuid();

        public Task<JsonNode?> HandleAsync(string envelopeType, JsonElement payload, CancellationToken cancellationToken = default)
        {
            probe.Handled.Add(_id);
            return Task.FromResult<JsonNode?>(null);
        }

        public void Dispose() => probe.Disposed.Add(_id);
    }
}
