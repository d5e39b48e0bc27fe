using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Negotiation.Slack.SocketMode;

public sealed partial class SlackSocketModeClient
{
    private static readonly JsonElement EmptyPayload = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// One WebSocket: reads messages until it closes, dispatches envelopes in arrival order (so the inbox sees them in
    /// Slack's order) and acks each, and raises <see cref="Signal"/> when it wants replacing.
    /// </summary>
    private sealed class Connection : IAsyncDisposable
    {
        private readonly SlackSocketModeClient _owner;
        private readonly ClientWebSocket _socket = new();
        private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<ConnectionSignal> _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Held from the start of a dispatch until its ack is sent, and while sending our close frame: a graceful close
        // never cuts in between a handled envelope and its ack.
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly CancellationTokenSource _abort = new();
        private readonly ITimer _watchdog;
        private Task _reading = Task.CompletedTask;
        private bool _closeSent;

        private Connection(SlackSocketModeClient owner, int number)
        {
            _owner = owner;
            Number = number;
            _socket.Options.KeepAliveInterval = owner.KeepAliveInterval;
            _socket.Options.KeepAliveTimeout = owner.KeepAliveTimeout;

            // Armed before the handshake, so a connect that hangs is also caught.
            _watchdog = owner._time.CreateTimer(static state => ((Connection)state!).OnQuiet(), this, owner._options.SocketModeQuietPeriod, Timeout.InfiniteTimeSpan);
        }

        public int Number { get; }

        /// <summary>Completes on Slack's <c>hello</c>.</summary>
        public Task Hello => _hello.Task;

        /// <summary>Completes with the first reason to replace this connection.</summary>
        public Task<ConnectionSignal> Signal => _signal.Task;

        public static async Task<Connection> OpenAsync(SlackSocketModeClient owner, Uri url, int number, CancellationToken stoppingToken)
        {
            var connection = new Connection(owner, number);
            try
            {
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection._abort.Token);
                await connection._socket.ConnectAsync(url, connecting.Token).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            Log.SocketOpen(owner._logger, number, url.Host);
            connection._reading = connection.ReadAsync(stoppingToken);
            return connection;
        }

        /// <summary>Sends our close frame, then reads (and acks) until Slack closes its side.</summary>
        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await SendCloseAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }

            await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            _socket.Abort();

            // The read loop never faults; wait for it before disposing what it uses.
            await _reading.ConfigureAwait(false);
            _watchdog.Dispose();
            _socket.Dispose();
            _gate.Dispose();
            _abort.Dispose();
        }

        private void OnQuiet()
        {
            if (!_signal.TrySetResult(new ConnectionSignal(ConnectionSignalKind.Quiet)))
            {
                return;
            }

            Log.Quiet(_owner._logger, Number, _owner._options.SocketModeQuietPeriod);
            if (!_hello.Task.IsCompleted)
            {
                // Never got going: nothing to drain, stop the handshake or the wait for hello now.
                try
                {
                    _abort.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Already disposed.
                }
            }
        }

        private async Task ReadAsync(CancellationToken handlerToken)
        {
            var frame = ArrayPool<byte>.Shared.Rent(16 * 1024);
            var message = new ArrayBufferWriter<byte>(16 * 1024);
            try
            {
                while (true)
                {
                    message.ResetWrittenCount();
                    long length = 0;
                    ValueWebSocketReceiveResult received;
                    do
                    {
                        received = await _socket.ReceiveAsync(frame.AsMemory(), _abort.Token).ConfigureAwait(false);
                        _watchdog.Change(_owner._options.SocketModeQuietPeriod, Timeout.InfiniteTimeSpan);
                        if (received.MessageType == WebSocketMessageType.Close)
                        {
                            await OnCloseReceivedAsync().ConfigureAwait(false);
                            return;
                        }

                        length += received.Count;
                        if (length <= _owner.MaxMessageBytes)
                        {
                            message.Write(frame.AsSpan(0, received.Count));
                        }
                    }
                    while (!received.EndOfMessage);

                    if (length > _owner.MaxMessageBytes)
                    {
                        // Not acked: Slack redelivers events_api envelopes, and one this large is not one of ours to read.
                        Log.MessageTooLarge(_owner._logger, Number, length, _owner.MaxMessageBytes);
                    }
                    else if (received.MessageType != WebSocketMessageType.Text)
                    {
                        Log.BinaryIgnored(_owner._logger, Number, length);
                    }
                    else
                    {
                        await DispatchAsync(message.WrittenMemory, handlerToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                // Disposed or abandoned by the watchdog.
            }
#pragma warning disable CA1031 // The read loop must end in a signal, never a faulted task: the supervisor replaces the connection.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!_abort.IsCancellationRequested)
                {
                    Log.ReceiveFailed(_owner._logger, Number, e);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame);
                _signal.TrySetResult(new ConnectionSignal(ConnectionSignalKind.Ended));
            }
        }

        private async Task OnCloseReceivedAsync()
        {
            Log.CloseReceived(_owner._logger, Number, _socket.CloseStatus, _closeSent);
            await _gate.WaitAsync(_abort.Token).ConfigureAwait(false);
            try
            {
                await SendCloseAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // Slack already hung up; the close is complete enough.
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task SendCloseAsync(CancellationToken cancellationToken)
        {
            if (_closeSent || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            _closeSent = true;
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }

        private async Task DispatchAsync(ReadOnlyMemory<byte> utf8, CancellationToken handlerToken)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(utf8);
            }
            catch (JsonException)
            {
                Log.Malformed(_owner._logger, Number, utf8.Length);
                return;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    Log.Malformed(_owner._logger, Number, utf8.Length);
                    return;
                }

                var type = ReadString(root, "type");
                var envelopeId = ReadString(root, "envelope_id");
                if (envelopeId is not null && type is not null)
                {
                    await HandleEnvelopeAsync(root, envelopeId, type, handlerToken).ConfigureAwait(false);
                    return;
                }

                switch (type)
                {
                    case "hello":
                        var connections = root.TryGetProperty("num_connections", out var count) && count.TryGetInt32(out var n) ? n : (int?)null;
                        Log.Hello(_owner._logger, Number, connections);
                        _hello.TrySetResult();
                        break;
                    case "disconnect":
                        var reason = ReadString(root, "reason");
                        Log.DisconnectReceived(_owner._logger, Number, reason);
                        _signal.TrySetResult(new ConnectionSignal(ConnectionSignalKind.Disconnect, reason));
                        break;
                    default:
                        Log.UnknownMessage(_owner._logger, Number, type);
                        break;
                }
            }
        }

        /// <summary>
        /// Hands one envelope to the dispatch and acks it. A handler that throws is logged and the envelope still
        /// acked: the handler only records and returns, so a failure there is a bug or broken storage, and Slack's
        /// redelivery (events_api only, within minutes) would most likely meet the same failure; slash commands and
        /// interactions are not redelivered at all. A handler cancelled because we are stopping is not acked, so Slack
        /// redelivers it to whoever runs next.
        /// </summary>
        private async Task HandleEnvelopeAsync(JsonElement root, string envelopeId, string type, CancellationToken handlerToken)
        {
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : EmptyPayload;
            var acceptsResponse = root.TryGetProperty("accepts_response_payload", out var a) && a.ValueKind == JsonValueKind.True;
            var retryAttempt = root.TryGetProperty("retry_attempt", out var r) && r.TryGetInt32(out var attempt) ? attempt : 0;
            var retryReason = ReadString(root, "retry_reason");
            Log.EnvelopeReceived(_owner._logger, Number, envelopeId, type, retryAttempt, retryReason);

            await _gate.WaitAsync(_abort.Token).ConfigureAwait(false);
            try
            {
                var started = _owner._time.GetTimestamp();
                JsonNode? response = null;
                try
                {
                    response = await _owner._handler.HandleAsync(type, payload, handlerToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (handlerToken.IsCancellationRequested)
                {
                    Log.NotAckedStopping(_owner._logger, Number, envelopeId);
                    return;
                }
#pragma warning disable CA1031 // Deliberate: see the summary. Logged with the envelope id, then acked.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.HandlerFailed(_owner._logger, Number, envelopeId, type, e);
                }

                var elapsed = _owner._time.GetElapsedTime(started);
                if (elapsed > SlowHandler)
                {
                    Log.SlowHandler(_owner._logger, Number, envelopeId, elapsed);
                }

                var ack = new JsonObject { ["envelope_id"] = envelopeId };
                if (response is not null)
                {
                    if (acceptsResponse)
                    {
                        ack["payload"] = response.Parent is null ? response : response.DeepClone();
                    }
                    else
                    {
                        Log.ResponseDropped(_owner._logger, Number, envelopeId);
                    }
                }

                await SendAckAsync(envelopeId, ack).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task SendAckAsync(string envelopeId, JsonObject ack)
        {
            if (_closeSent)
            {
                // Our close frame is out: nothing more may be sent. Slack redelivers what it hasn't had acked.
                Log.AckAfterClose(_owner._logger, Number, envelopeId);
                return;
            }

            try
            {
                var withPayload = ack.ContainsKey("payload");
                var bytes = Encoding.UTF8.GetBytes(ack.ToJsonString());
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _abort.Token).ConfigureAwait(false);
                Log.Acked(_owner._logger, Number, envelopeId, withPayload);
            }
            catch (WebSocketException e)
            {
                Log.AckFailed(_owner._logger, Number, envelopeId, e);
            }
        }

        private static string? ReadString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Slack's ack deadline is about 3 s; a handler this slow is worth a warning.</summary>
    private static readonly TimeSpan SlowHandler = TimeSpan.FromSeconds(2);
}
