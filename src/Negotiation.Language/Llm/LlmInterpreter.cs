using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Language;
using Negotiation.Domain.Moves;
using Negotiation.Language.Grammar;
using OpenAI;
using OpenAI.Chat;

namespace Negotiation.Language.Llm;

/// <summary>
/// Interprets with a hosted model (Azure OpenAI or an OpenAI-compatible server) under a strict JSON schema. Every
/// field is validated; on any error, timeout or invalid answer the embedded engine answers instead. Amounts always
/// come from the embedded extractor, and X / Y must be words of the message itself, so nothing the model invents
/// reaches the channel.
/// </summary>
public sealed partial class LlmInterpreter(ChatClient client, IMessageInterpreter fallback, LlmOptions options, ILogger<LlmInterpreter> logger) : IMessageInterpreter
{
    /// <summary>The chat client the options describe: no client-side retries (a slow answer falls back instead).</summary>
    public static ChatClient CreateClient(LlmOptions options, PipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            var openAi = new OpenAIClientOptions { Endpoint = new Uri(options.BaseUrl), RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = timeout };
            if (transport is not null)
            {
                openAi.Transport = transport;
            }

            return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey), openAi).GetChatClient(options.Deployment);
        }

        var azure = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = timeout };
        if (transport is not null)
        {
            azure.Transport = transport;
        }

        var endpoint = new Uri(options.Endpoint!);
        var azureClient = string.IsNullOrEmpty(options.ApiKey)
            ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), azure)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azure);
        return azureClient.GetChatClient(options.Deployment);
    }

    public async ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Interpretation.Nothing;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        string answer;
        try
        {
            var completion = await client.CompleteChatAsync(
                [new SystemChatMessage(LlmPrompt.Instructions), new UserChatMessage(LlmPrompt.UserTurn(text))],
                new ChatCompletionOptions
                {
                    Temperature = 0,
                    ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("interpretation", LlmPrompt.Schema, jsonSchemaIsStrict: true),
                },
                timeout.Token).ConfigureAwait(false);
            answer = completion.Value.Content.Count > 0 ? completion.Value.Content[0].Text : "";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFallback(logger, "timed out");
            return await fallback.InterpretAsync(text, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException e)
        {
            LogFallback(logger, $"HTTP {e.Status}");
            return await fallback.InterpretAsync(text, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or JsonException or AuthenticationFailedException)
        {
            LogFallback(logger, e.GetType().Name);
            return await fallback.InterpretAsync(text, context, cancellationToken).ConfigureAwait(false);
        }

        var read = Read(answer, text, context.Today, out var problem);
        if (read is null)
        {
            LogFallback(logger, problem);
            return await fallback.InterpretAsync(text, context, cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    /// <summary>The model's answer checked field by field; null (and the problem) when anything is off.</summary>
    internal static Interpretation? Read(string answer, string text, DateOnly today, out string problem)
    {
        problem = "";
        try
        {
            using var doc = JsonDocument.Parse(answer);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => p.Name is not ("label" or "confidence" or "term" or "x" or "y")))
            {
                problem = "answer is not the schema's object";
                return null;
            }

            if (!root.TryGetProperty("label", out var labelValue) || labelValue.ValueKind != JsonValueKind.String
                || !LlmPrompt.Labels.Contains(labelValue.GetString()) || !Enum.TryParse<MessageLabel>(labelValue.GetString(), ignoreCase: true, out var label))
            {
                problem = "invalid label";
                return null;
            }

            if (!root.TryGetProperty("confidence", out var confidenceValue) || confidenceValue.ValueKind != JsonValueKind.Number
                || confidenceValue.GetDouble() is var confidence && (double.IsNaN(confidence) || confidence < 0 || confidence > 1))
            {
                problem = "invalid confidence";
                return null;
            }

            if (!root.TryGetProperty("term", out var termValue) || termValue.ValueKind != JsonValueKind.String
                || !LlmPrompt.Terms.Contains(termValue.GetString()) || !Enum.TryParse<Term>(termValue.GetString()!.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var term))
            {
                problem = "invalid term";
                return null;
            }

            if (!Span(root, "x", text, out var x) || !Span(root, "y", text, out var y))
            {
                problem = "x or y is not part of the message";
                return null;
            }

            var gives = label is MessageLabel.Give or MessageLabel.Trade or MessageLabel.Proposal;
            var gets = label is MessageLabel.Get or MessageLabel.Trade;
            var normalised = MessageText.Normalise(text);
            var mentions = Amounts.AmountExtractor.Find(normalised, today);
            return new Interpretation(label, confidence, term, [.. mentions.Select(m => m.Amount)], mentions.Count > 0 && mentions[0].IsLevel, GiveText: gives ? x : null, GetText: gets ? y : null);
        }
        catch (JsonException)
        {
            problem = "answer is not JSON";
            return null;
        }
    }

    /// <summary>A span must be null or words the message itself contains: an instruction can't smuggle text into a reply.</summary>
    private static bool Span(JsonElement root, string name, string text, out string? span)
    {
        span = null;
        if (!root.TryGetProperty(name, out var value))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        span = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        return span is { Length: > 0 and <= 300 } && text.Contains(span, StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Hosted language model unavailable ({Problem}); the embedded engine answered")]
    private static partial void LogFallback(ILogger logger, string problem);
}
