using Negotiation.Conversations.Ports;

namespace Negotiation.Bot.DealRoom;

/// <summary>Registers the deal room's chat channel (platform <c>room</c>) and the signed deal links.</summary>
public static class DealRoomRegistration
{
    public static IServiceCollection AddDealRoom(this IServiceCollection services, DealRoomOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<RoomLog>();
        services.AddSingleton<DealLinks>();

        // Links are issued only when the host knows its public address; otherwise the engine's default issues none.
        if (options.PublicBaseUrl is not null)
        {
            services.AddSingleton<IDealLinks>(sp => sp.GetRequiredService<DealLinks>());
        }

        // Replies to the room's channels come back here whether or not the page is on, so none is ever parked.
        services.AddKeyedScoped<IChatChannel>(DealRoomEndpoints.Platform, (sp, _) => new RoomChatChannel(sp.GetRequiredService<RoomLog>()));
        return services;
    }
}
