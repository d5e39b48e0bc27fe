using System.Text.Json;
using System.Text.Json.Nodes;

namespace Negotiation.Slack.SocketMode;

/// <summary>
/// The one dispatch behind both transports: an HTTP request body or a Socket Mode envelope's payload, by kind
/// (<c>events_api</c>, <c>slash_commands</c>, <c>interactive</c>), returning what to answer Slack with (null: empty ack).
/// </summary>
public interface ISlackEnvelopeHandler
{
    Task<JsonNode?> HandleAsync(string envelopeType, JsonElement payload, CancellationToken cancellationToken = default);
}
