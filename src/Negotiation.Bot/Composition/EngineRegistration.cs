using Microsoft.Extensions.DependencyInjection.Extensions;
using Negotiation.Conversations;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Pipeline;
using Negotiation.Conversations.Ports;
using Negotiation.Conversations.Telemetry;
using Negotiation.Language.Rephrasing;
using Negotiation.Language.Rules;

namespace Negotiation.Bot.Composition;

/// <summary>The composition root: which implementation serves each port.</summary>
public static class EngineRegistration
{
    /// <summary>
    /// Registers the channel-neutral engine with the embedded language engine. Ports already registered (the
    /// database storage, a platform's chat channel) are kept; the rest fall back to in-memory implementations.
    /// </summary>
    public static IServiceCollection AddNegotiationEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ConversationOptions();
        configuration.GetSection(ConversationOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CoachMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        services.TryAddSingleton<IDealStore, InMemoryDealStore>();
        services.TryAddSingleton<IProcessedEventStore, InMemoryProcessedEventStore>();
        services.TryAddSingleton<IOutbox, InMemoryOutbox>();
        services.TryAddSingleton<IInbox, InMemoryInbox>();
        services.TryAddSingleton<IChatChannel, RecordingChatChannel>();

        services.TryAddSingleton<IMessageInterpreter, RuleBasedInterpreter>();
        services.TryAddSingleton<IRephraser, TemplateRephraser>();

        services.AddScoped<CoachingReplies>();
        services.AddScoped<DealCommandHandler>();
        services.AddScoped<ChatMessageHandler>();

        // Order matters: cheap filters first, dedupe last so ignored events aren't remembered.
        services.AddScoped<IInboundMiddleware, ScopeMiddleware>();
        services.AddScoped<IInboundMiddleware, IgnoreSelfAndBotsMiddleware>();
        services.AddScoped<IInboundMiddleware, IgnoreEditsMiddleware>();
        services.AddScoped<IInboundMiddleware, DedupeMiddleware>();
        services.AddScoped<ConversationPipeline>();
        services.AddScoped<OutboxSender>();
        return services;
    }
}
