using Negotiation.Language.Classifier;

namespace Negotiation.Bot.Composition;

/// <summary>Loads the embedded language engine while the host starts, so the first message isn't the one that waits.</summary>
public sealed class LanguageWarmup(EmbeddedInterpreter interpreter) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => _ = interpreter.EngineName, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
