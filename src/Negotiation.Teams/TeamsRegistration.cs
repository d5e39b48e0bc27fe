using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Negotiation.Conversations.Ports;
using Negotiation.Teams.Api;
using Negotiation.Teams.Auth;
using Negotiation.Teams.Http;

namespace Negotiation.Teams;

/// <summary>Registers the Teams adapter: token validation, the dispatch, outbound tokens and connector, and the Teams chat channel.</summary>
public static class TeamsRegistration
{
    /// <summary>The key the Teams chat channel is registered under (the platform name of Teams channel keys).</summary>
    public const string ChannelKey = Wire.TeamsActivityReader.Platform;

    public static IServiceCollection AddTeams(this IServiceCollection services, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(nameof(TeamsTokenValidator));
        services.AddSingleton(sp => new TeamsTokenValidator(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TeamsTokenValidator))));
        services.AddHttpClient(nameof(TeamsTokenProvider));
        services.AddSingleton<ITeamsTokenProvider>(sp => new TeamsTokenProvider(options, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TeamsTokenProvider)), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<TeamsConnectorClient>();
        services.TryAddSingleton<ITeamsConversationStore, InMemoryTeamsConversationStore>();
        services.AddScoped<TeamsDispatcher>();
        services.AddKeyedScoped<IChatChannel, TeamsChatChannel>(ChannelKey);
        return services;
    }
}
