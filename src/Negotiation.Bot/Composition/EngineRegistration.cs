using Microsoft.Extensions.DependencyInjection.Extensions;
using Negotiation.Conversations;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Pipeline;
using Negotiation.Conversations.Ports;
using Negotiation.Language;
using Negotiation.Language.Classifier;
using Negotiation.Language.Llm;
using Negotiation.Conversations.Telemetry;
using Negotiation.Language.Rephrasing;

namespace Negotiation.Bot.Composition;

/// <summary>The composition root: which implementation serves each port.</summary>
public static class EngineRegistration
{
    /// <summary>
    /// Registers the channel-neutral engine with the language engine. Ports already registered (the
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
        services.TryAddSingleton<IDealLinks, NoDealLinks>();

        services.AddLanguageEngine(configuration);
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

    /// <summary>
    /// The interpreter: the embedded engine (<c>Language:Engine</c>; trained classifier, falling back to the rules), and
    /// in front of it the hosted model when <c>AzureOpenAI</c> is configured, falling back to the embedded engine.
    /// </summary>
    public static IServiceCollection AddLanguageEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var language = new LanguageOptions();
        configuration.GetSection(LanguageOptions.Section).Bind(language);
        var llm = new LlmOptions();
        configuration.GetSection(LlmOptions.Section).Bind(llm);
        var problems = llm.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid settings in \"{LlmOptions.Section}\":\n- " + string.Join("\n- ", problems));
        }

        services.TryAddSingleton(language);
        services.TryAddSingleton(llm);
        services.TryAddSingleton<EmbeddedInterpreter>();
        if (llm.IsConfigured)
        {
            services.TryAddSingleton<IMessageInterpreter>(sp => new LlmInterpreter(
                LlmInterpreter.CreateClient(llm),
                sp.GetRequiredService<EmbeddedInterpreter>(),
                llm,
                sp.GetRequiredService<ILogger<LlmInterpreter>>()));
        }
        else
        {
            services.TryAddSingleton<IMessageInterpreter>(sp => sp.GetRequiredService<EmbeddedInterpreter>());
        }

        return services;
    }
}
