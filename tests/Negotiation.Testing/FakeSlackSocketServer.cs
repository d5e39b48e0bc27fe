using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Negotiation.Testing;

/// <summary>
/// Slack's Socket Mode edge on loopback: a real WebSocket server whose connections a test drives step by step
/// (say hello, send envelopes or raw frames, await acks, ask to disconnect, close or cut the line).
/// </summary>
public sealed class FakeSlackSocketServer : IAsyncDisposable
{
    /// <summary>How long any awaitable hook waits before failing the test.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public const string Ticket = "ticket-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly Channel<FakeSlackSocketConnection> _accepted = Channel.CreateUnbounded<FakeSlackSocketConnection>();
    private readonly ConcurrentQueue<FakeSlackSocketConnection> _all = new();
    private int _connections;

    private FakeSlackSocketServer(WebApplication app) => _app = app;

    /// <summary>What apps.connections.open would answer: the WebSocket URL, with a ticket.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How many WebSockets have been accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    public static async Task<FakeSlackSocketServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new FakeSlackSocketServer(app);
        app.UseWebSockets();
        app.Map("/link", server.AcceptAsync);
        var address = await LoopbackApp.StartAsync(app);
        server.Url = new Uri($"ws://127.0.0.1:{address.Port}/link/?ticket={Ticket}");
        return server;
    }

    /// <summary>The next connection the client opens, in order.</summary>
    public async Task<FakeSlackSocketConnection> NextConnectionAsync()
    {
        try
        {
            return await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Patience} for connection {ConnectionCount + 1}; {ConnectionCount} so far.");
        }
    }

    /// <summary>The next connection, already greeted with hello.</summary>
    public async Task<FakeSlackSocketConnection> NextConnectionWithHelloAsync()
    {
        var connection = await NextConnectionAsync();
        await connection.SendHelloAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(Patience);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        foreach (var connection in _all)
        {
            connection.Dispose();
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeSlackSocketConnection(Interlocked.Increment(ref _connections), socket, context);
        _all.Enqueue(connection);
        _accepted.Writer.TryWrite(connection);
        await connection.RunAsync();
    }
}

/// <summary>One accepted WebSocket: what the client sent, and hooks to speak as Slack.</summary>
public sealed class FakeSlackSocketConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _clientClose = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);

    internal FakeSlackSocketConnection(int number, WebSocket socket, HttpContext context)
    {
        Number = number;
        _socket = socket;
        _context = context;
    }

    /// <summary>1 for the first connection the server accepted, and so on.</summary>
    public int Number { get; }

    /// <summary>The query string the client connected with.</summary>
    public string Query => _context.Request.QueryString.Value ?? "";

    /// <summary>
    /// Completes when the connection ends: with the client's close status if it sent a close frame,
    /// null if the connection ended without one.
    /// </summary>
    public Task<WebSocketCloseStatus?> ClientClose => _clientClose.Task;

    public Task SendHelloAsync(int openConnections = 1) =>
        SendAsync($$$"""{"type":"hello","num_connections":{{{openConnections}}},"debug_info":{"host":"fake-slack","approximate_connection_time":3600},"connection_info":{"app_id":"A0TEST"}}""");

    public Task SendEnvelopeAsync(string envelopeId, string type, JsonObject payload, bool acceptsResponsePayload = false) =>
        SendAsync(Envelope(envelopeId, type, payload, acceptsResponsePayload));

    public Task SendDisconnectAsync(string reason) =>
        SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"fake-slack"}}""");

    // Slack sends raw UTF-8, not \u escapes.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A Socket Mode envelope as Slack frames it.</summary>
    public static string Envelope(string envelopeId, string type, JsonObject payload, bool acceptsResponsePayload = false, int retryAttempt = 0) =>
        new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = type,
            ["payload"] = payload,
            ["accepts_response_payload"] = acceptsResponsePayload,
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryAttempt > 0 ? "timeout" : "",
        }.ToJsonString(Unescaped);

    /// <summary>Sends one text message in one frame.</summary>
    public Task SendAsync(string text) => SendFramesAsync([Encoding.UTF8.GetBytes(text)]);

    /// <summary>Sends one text message split over several frames, one per part.</summary>
    public async Task SendFramesAsync(IReadOnlyList<byte[]> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        await _sending.WaitAsync();
        try
        {
            for (var i = 0; i < parts.Count; i++)
            {
                await _socket.SendAsync(parts[i], WebSocketMessageType.Text, endOfMessage: i == parts.Count - 1, CancellationToken.None);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next message the client sent (acks).</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        try
        {
            return await _received.Reader.ReadAsync().AsTask().WaitAsync(FakeSlackSocketServer.Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {FakeSlackSocketServer.Patience} for a message from the client on connection {Number}.");
        }
    }

    /// <summary>Sends an envelope and returns the client's next message, which should be its ack.</summary>
    public async Task<JsonElement> SendEnvelopeAndReceiveAckAsync(string envelopeId, string type, JsonObject payload, bool acceptsResponsePayload = false)
    {
        await SendEnvelopeAsync(envelopeId, type, payload, acceptsResponsePayload);
        return await ReceiveAsync();
    }

    public void Dispose() => _sending.Dispose();

    /// <summary>Cuts the TCP connection: no close frame.</summary>
    public void Abort() => _context.Abort();

    /// <summary>Starts Slack's side of a graceful close.</summary>
    public async Task CloseAsync()
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, _context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    _clientClose.TrySetResult(received.CloseStatus);
                    await _sending.WaitAsync();
                    try
                    {
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        }
                    }
                    finally
                    {
                        _sending.Release();
                    }

                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    using var document = JsonDocument.Parse(message.ToArray());
                    _received.Writer.TryWrite(document.RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away without a close frame.
        }
        finally
        {
            _clientClose.TrySetResult(null);
            _received.Writer.TryComplete();
        }
    }
}
