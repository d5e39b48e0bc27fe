using System.Globalization;
using Negotiation.Bot.Composition;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Pipeline;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.Cli;

/// <summary>
/// A simulated channel: transcript lines go through the real pipeline (middleware, handlers, outbox, sender)
/// and come back as what the bot would have posted.
/// </summary>
public sealed class ReplaySession : IAsyncDisposable
{
    private static readonly ChannelKey Channel = new("cli", "local", "deal-room");
    private readonly ServiceProvider _services;
    private readonly ReplayClock _clock;
    private readonly RecordingChatChannel _channel = new();
    private int _delivered;

    public ReplaySession(DateTimeOffset start, IConfiguration? configuration = null)
    {
        _clock = new ReplayClock(start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IChatChannel>(_channel);
        services.AddNegotiationEngine(configuration ?? new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Runs one line and returns what the bot posted in answer (zero or one message).</summary>
    public async Task<IReadOnlyList<OutboundMessage>> SayAsync(TranscriptLine line, CancellationToken cancellationToken = default)
    {
        var id = line.Number.ToString(CultureInfo.InvariantCulture);
        var user = new UserRef("user:" + line.Author.ToLowerInvariant(), line.Author);
        var at = _clock.GetUtcNow();
        InboundActivity activity = line.IsCommand
            ? new InboundCommand("line-" + id, Channel, id, null, user, at, line.CommandText)
            : new InboundMessage("line-" + id, Channel, id, null, user, at, line.Text);

        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConversationPipeline>().ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
            await scope.ServiceProvider.GetRequiredService<OutboxSender>().FlushAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _clock.Advance();
        var sent = _channel.Sent.Skip(_delivered).ToList();
        _delivered += sent.Count;
        return sent;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
