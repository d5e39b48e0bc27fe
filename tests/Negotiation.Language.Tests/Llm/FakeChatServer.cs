using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Negotiation.Testing;

namespace Negotiation.Language.Tests.Llm;

/// <summary>
/// A local stand-in for an OpenAI-compatible / Azure OpenAI chat-completions endpoint on a loopback port: it records
/// each request body and answers with the next scripted reply.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> replies = new();

    private FakeChatServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string Path, JsonDocument Body)> Requests { get; } = new();

    /// <summary>Completed when a held request arrives (see <see cref="HoldNext"/>).</summary>
    public TaskCompletionSource HeldArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseUrl => LoopbackApp.Address(app);

    public static async Task<FakeChatServer> StartAsync()
    {
        var server = new FakeChatServer(LoopbackApp.Create());
        server.app.MapPost("{**path}", async (HttpContext context, string path) =>
        {
            server.Requests.Enqueue((path, await JsonDocument.ParseAsync(context.Request.Body)));
            if (server.replies.TryDequeue(out var reply))
            {
                await reply(context);
            }
            else
            {
                context.Response.StatusCode = 500;
            }
        });
        await server.app.StartAsync();
        return server;
    }

    /// <summary>The model answers with <paramref name="content"/> as the assistant message.</summary>
    public void Answer(string content) => replies.Enqueue(context => context.Response.WriteAsJsonAsync(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        created = 1_760_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    }));

    public void Status(int status, string? retryAfter = null) => replies.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", code = status.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
    });

    /// <summary>The next request gets no answer until the client gives up (the server side waits on the request's abort).</summary>
    public void HoldNext() => replies.Enqueue(async context =>
    {
        HeldArrived.TrySetResult();
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
        await aborted.Task;
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
