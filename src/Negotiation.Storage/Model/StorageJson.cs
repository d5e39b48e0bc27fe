using System.Text.Json;
using System.Text.Json.Serialization;
using Negotiation.Conversations.Inbound;

namespace Negotiation.Storage.Model;

/// <summary>How documents and payloads are written as JSON: one setting for every stored shape.</summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        MaxDepth = 32,
    };

    public const string MessageKind = "message";
    public const string CommandKind = "command";

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The stored {typeof(T).Name} is null.");

    public static (string Kind, string Payload) Write(InboundActivity activity) => activity switch
    {
        InboundMessage message => (MessageKind, Serialize(message)),
        InboundCommand command => (CommandKind, Serialize(command)),
        _ => throw new ArgumentException($"Unknown activity {activity.GetType().Name}.", nameof(activity)),
    };

    public static InboundActivity Read(string kind, string payload) => kind switch
    {
        MessageKind => Deserialize<InboundMessage>(payload),
        CommandKind => Deserialize<InboundCommand>(payload),
        _ => throw new JsonException($"Unknown inbox item kind \"{kind}\"."),
    };
}
