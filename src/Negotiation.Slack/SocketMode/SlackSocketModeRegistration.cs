using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

using Negotiation.Slack.Api;

namespace Negotiation.Slack.SocketMode;

/// <summary>Wires Socket Mode into the host, only when an app-level token is configured.</summary>
public static class SlackSocketModeRegistration
{
    /// <summary>
    /// Registers <see cref="SlackSocketModeClient"/> as a hosted service when <see cref="SlackOptions.AppToken"/> is set;
    /// otherwise does nothing. Needs <see cref="ISlackWebApi"/> and <see cref="ISlackEnvelopeHandler"/> registered;
    /// the handler is resolved in a fresh DI scope per envelope, so it may be scoped.
    /// </summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsSocketMode)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService(provider => new SlackSocketModeClient(
            provider.GetRequiredService<ISlackWebApi>(),
            new ScopedSlackEnvelopeHandler(provider.GetRequiredService<IServiceScopeFactory>()),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SlackSocketModeClient>>()));
        return services;
    }
}

/// <summary>One DI scope per envelope: the registered handler (and its DbContext) never outlives one envelope.</summary>
internal sealed class ScopedSlackEnvelopeHandler(IServiceScopeFactory scopes) : ISlackEnvelopeHandler
{
    public async Task<JsonNode?> HandleAsync(string envelopeType, JsonElement payload, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<ISlackEnvelopeHandler>()
                .HandleAsync(envelopeType, payload, cancellationToken).ConfigureAwait(false);
        }
    }
}
