namespace Negotiation.Bot.Cli;

/// <summary>Replay time: starts at a chosen instant and moves one minute per transcript line, so output is repeatable.</summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance() => _now = _now.AddMinutes(1);
}
