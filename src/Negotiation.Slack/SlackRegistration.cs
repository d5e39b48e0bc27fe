using Microsoft.Extensions.DependencyInjection;
using Negotiation.Conversations.Ports;
using Negotiation.Slack.Api;
using Negotiation.Slack.Http;
using Negotiation.Slack.Install;
using Negotiation.Slack.SocketMode;

namespace Negotiation.Slack;

/// <summary>Registers the Slack adapter: Web API client, dispatch, the Slack chat channel, and Socket Mode when an app token is set.</summary>
public static class SlackRegistration
{
    /// <summary>The key the Slack chat channel is registered under (the platform name of Slack channel keys).</summary>
    public const string ChannelKey = Wire.SlackEventReader.Platform;

    public static IServiceCollection AddSlack(this IServiceCollection services, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSlackWebApi(options, resilience =>
        {
            resilience.AttemptTimeout = options.ApiTimeout;
            resilience.TotalTimeout = options.ApiTimeout * 3;
        });
        services.AddScoped<SlackTokenProvider>();
        services.AddScoped<ISlackEnvelopeHandler, SlackDispatcher>();
        services.AddKeyedScoped<IChatChannel, SlackChatChannel>(ChannelKey);
        services.AddSlackSocketMode(options);
        return services;
    }
}
