using System.Net.WebSockets;

using Microsoft.Extensions.Logging;

namespace Negotiation.Slack.SocketMode;

public sealed partial class SlackSocketModeClient
{
    // Event ids 5201–5299. Never the app token, the connection URL (it carries a ticket) or payload bodies.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: opening (attempt {Attempt})")]
        public static partial void Connecting(ILogger logger, int connection, int attempt);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: WebSocket open to {Host}")]
        public static partial void SocketOpen(ILogger logger, int connection, string host);

        [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: hello ({OpenConnections} open)")]
        public static partial void Hello(ILogger logger, int connection, int? openConnections);

        [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: failed to connect")]
        public static partial void ConnectFailed(ILogger logger, int connection, Exception exception);

        [LoggerMessage(EventId = 5205, Level = LogLevel.Error, Message = "Socket Mode connection {Connection}: Slack {Method} refused: {Error}; check the app-level token (Slack:AppToken, scope connections:write)")]
        public static partial void OpenRefused(ILogger logger, int connection, string method, string error);

        [LoggerMessage(EventId = 5206, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: apps.connections.open is rate limited for {RetryAfter}")]
        public static partial void RateLimited(ILogger logger, int connection, TimeSpan retryAfter);

        [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: ended before hello ({Why})")]
        public static partial void NoHello(ILogger logger, int connection, ConnectionSignalKind why);

        [LoggerMessage(EventId = 5208, Level = LogLevel.Information, Message = "Socket Mode: retrying after {Failures} failed attempts in {Delay}")]
        public static partial void Retrying(ILogger logger, int failures, TimeSpan delay);

        [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: Slack asks to disconnect ({Reason})")]
        public static partial void DisconnectReceived(ILogger logger, int connection, string? reason);

        [LoggerMessage(EventId = 5211, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: replacing it ({Reason}); it serves until the new one says hello")]
        public static partial void Refreshing(ILogger logger, int connection, string? reason);

        [LoggerMessage(EventId = 5212, Level = LogLevel.Error, Message = "Socket Mode connection {Connection}: link_disabled: Slack turned Socket Mode off for this app; the client stops")]
        public static partial void LinkDisabled(ILogger logger, int connection);

        [LoggerMessage(EventId = 5213, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: nothing received for {QuietPeriod}; replacing it")]
        public static partial void Quiet(ILogger logger, int connection, TimeSpan quietPeriod);

        [LoggerMessage(EventId = 5214, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: lost; reconnecting")]
        public static partial void ConnectionLost(ILogger logger, int connection);

        [LoggerMessage(EventId = 5215, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: receive failed")]
        public static partial void ReceiveFailed(ILogger logger, int connection, Exception exception);

        [LoggerMessage(EventId = 5216, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: close frame received ({Status}; we closed first: {WeClosedFirst})")]
        public static partial void CloseReceived(ILogger logger, int connection, WebSocketCloseStatus? status, bool weClosedFirst);

        [LoggerMessage(EventId = 5217, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: closed")]
        public static partial void Closed(ILogger logger, int connection);

        [LoggerMessage(EventId = 5218, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: graceful close failed; aborted")]
        public static partial void CloseFailed(ILogger logger, int connection, Exception exception);

        [LoggerMessage(EventId = 5219, Level = LogLevel.Information, Message = "Socket Mode stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 5220, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: dropped a {Length}-byte message (limit {Limit})")]
        public static partial void MessageTooLarge(ILogger logger, int connection, long length, int limit);

        [LoggerMessage(EventId = 5221, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: ignored a {Length}-byte binary message")]
        public static partial void BinaryIgnored(ILogger logger, int connection, long length);

        [LoggerMessage(EventId = 5222, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: ignored a {Length}-byte message that is not a JSON object")]
        public static partial void Malformed(ILogger logger, int connection, int length);

        [LoggerMessage(EventId = 5223, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: ignored a message of type {Type}")]
        public static partial void UnknownMessage(ILogger logger, int connection, string? type);

        [LoggerMessage(EventId = 5230, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: envelope {EnvelopeId} ({Type}, retry {RetryAttempt} {RetryReason})")]
        public static partial void EnvelopeReceived(ILogger logger, int connection, string envelopeId, string type, int retryAttempt, string? retryReason);

        [LoggerMessage(EventId = 5231, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: acked envelope {EnvelopeId} (with payload: {WithPayload})")]
        public static partial void Acked(ILogger logger, int connection, string envelopeId, bool withPayload);

        [LoggerMessage(EventId = 5232, Level = LogLevel.Error, Message = "Socket Mode connection {Connection}: the handler failed on envelope {EnvelopeId} ({Type}); acked anyway")]
        public static partial void HandlerFailed(ILogger logger, int connection, string envelopeId, string type, Exception exception);

        [LoggerMessage(EventId = 5233, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: the handler took {Elapsed} on envelope {EnvelopeId}; Slack expects an ack within 3 s")]
        public static partial void SlowHandler(ILogger logger, int connection, string envelopeId, TimeSpan elapsed);

        [LoggerMessage(EventId = 5234, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: envelope {EnvelopeId} does not accept a response payload; acked without it")]
        public static partial void ResponseDropped(ILogger logger, int connection, string envelopeId);

        [LoggerMessage(EventId = 5235, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: envelope {EnvelopeId} not acked: stopping, Slack will redeliver it")]
        public static partial void NotAckedStopping(ILogger logger, int connection, string envelopeId);

        [LoggerMessage(EventId = 5236, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: envelope {EnvelopeId} handled after our close frame went out; not acked, Slack will redeliver it")]
        public static partial void AckAfterClose(ILogger logger, int connection, string envelopeId);

        [LoggerMessage(EventId = 5237, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: sending the ack for envelope {EnvelopeId} failed")]
        public static partial void AckFailed(ILogger logger, int connection, string envelopeId, Exception exception);
    }
}
