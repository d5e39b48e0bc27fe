using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Ports;

namespace Negotiation.Conversations.Pipeline;

/// <summary>The rest of the pipeline, as seen from one middleware.</summary>
public delegate Task<HandlerReply?> InboundStep(InboundActivity activity, CancellationToken cancellationToken);

/// <summary>One cross-cutting step before the handlers: it may pass the activity on or stop it (null = no reply).</summary>
public interface IInboundMiddleware
{
    Task<HandlerReply?> InvokeAsync(InboundActivity activity, InboundStep rest, CancellationToken cancellationToken);
}

/// <summary>Only workspaces the bot serves, and only activities that say which workspace and channel they come from.</summary>
public sealed class ScopeMiddleware(ConversationOptions options) : IInboundMiddleware
{
    public Task<HandlerReply?> InvokeAsync(InboundActivity activity, InboundStep rest, CancellationToken cancellationToken)
    {
        var channel = activity.Channel;
        if (string.IsNullOrWhiteSpace(channel.Platform) || string.IsNullOrWhiteSpace(channel.Workspace) || string.IsNullOrWhiteSpace(channel.Channel))
        {
            return Task.FromResult<HandlerReply?>(null);
        }

        if (options.AllowedWorkspaces.Count > 0 && !options.AllowedWorkspaces.Contains(channel.Workspace, StringComparer.Ordinal))
        {
            return Task.FromResult<HandlerReply?>(null);
        }

        return rest(activity, cancellationToken);
    }
}

/// <summary>The bot never answers itself or another bot.</summary>
public sealed class IgnoreSelfAndBotsMiddleware : IInboundMiddleware
{
    public Task<HandlerReply?> InvokeAsync(InboundActivity activity, InboundStep rest, CancellationToken cancellationToken) =>
        activity.IsFromSelf || activity.User.IsBot ? Task.FromResult<HandlerReply?>(null) : rest(activity, cancellationToken);
}

/// <summary>Edits and deletes change nothing: the give was coached when it was first said.</summary>
public sealed class IgnoreEditsMiddleware : IInboundMiddleware
{
    public Task<HandlerReply?> InvokeAsync(InboundActivity activity, InboundStep rest, CancellationToken cancellationToken) =>
        activity.IsEdit ? Task.FromResult<HandlerReply?>(null) : rest(activity, cancellationToken);
}

/// <summary>A platform event is handled once: retries and redeliveries stop here.</summary>
public sealed class DedupeMiddleware(IProcessedEventStore processed, TimeProvider time) : IInboundMiddleware
{
    public async Task<HandlerReply?> InvokeAsync(InboundActivity activity, InboundStep rest, CancellationToken cancellationToken)
    {
        var key = $"{activity.Channel.Platform}:{activity.Channel.Workspace}:{activity.EventId}";
        if (!await processed.TryMarkProcessedAsync(key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await rest(activity, cancellationToken).ConfigureAwait(false);
    }
}
