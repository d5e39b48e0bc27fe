using System.Collections.Frozen;

namespace Negotiation.Bot.DealRoom;

/// <summary>A static file of the room page, embedded in the assembly.</summary>
public sealed record RoomAsset(byte[] Content, string ContentType);

/// <summary>The room's HTML, CSS and script, served from embedded resources: no build step, no files beside the binary.</summary>
public static class RoomAssets
{
    private static readonly FrozenDictionary<string, RoomAsset> Files = Load();

    public static RoomAsset? Find(string name) => Files.GetValueOrDefault(name);

    private static FrozenDictionary<string, RoomAsset> Load()
    {
        var assembly = typeof(RoomAssets).Assembly;
        const string prefix = "DealRoom.wwwroot.";
        var files = new Dictionary<string, RoomAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            files[name] = new RoomAsset(copy.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
