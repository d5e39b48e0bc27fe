namespace Negotiation.Storage.Model;

internal static class Clock
{
    public static long Ms(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static long Ms(this DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
