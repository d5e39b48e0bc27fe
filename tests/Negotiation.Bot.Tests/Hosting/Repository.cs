namespace Negotiation.Bot.Tests.Hosting;

/// <summary>The repository the tests were built from (found by walking up to Negotiation.sln), for checks of its files.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Negotiation.sln above {AppContext.BaseDirectory}: the tests must run from a checkout of the repository.");
    }
}
