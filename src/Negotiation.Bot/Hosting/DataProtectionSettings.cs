namespace Negotiation.Bot.Hosting;

/// <summary>Where the keys that encrypt stored Slack bot tokens live (configuration section <c>DataProtection</c>).</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>A folder every host sharing the database shares too; empty: ASP.NET Core's per-user default.</summary>
    public string? KeysPath { get; set; }

    public IEnumerable<string> Validate()
    {
        if (KeysPath is { Length: > 0 } path && (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            yield return $"DataProtection:KeysPath \"{path}\" is not a folder path; use e.g. /var/lib/negotiation-coach/keys (shared by every replica), or leave it empty.";
        }
    }
}
