namespace Negotiation.Language.Llm;

/// <summary>
/// The optional hosted language model (configuration section <c>AzureOpenAI</c>): Azure OpenAI when
/// <see cref="Endpoint"/> and <see cref="Deployment"/> are set (key, or <c>DefaultAzureCredential</c> without one), or
/// any OpenAI-compatible server at <see cref="BaseUrl"/>. Unset: the embedded engine alone.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "AzureOpenAI";

    /// <summary>The Azure OpenAI resource, e.g. https://contoso.openai.azure.com/.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The Azure deployment name, or the model name for an OpenAI-compatible server.</summary>
    public string? Deployment { get; set; }

    /// <summary>The API key; without one, Azure uses <c>DefaultAzureCredential</c>. A secret: environment or user-secrets only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>An OpenAI-compatible base URL (a self-hosted model server), e.g. http://localhost:8000/v1; used instead of <see cref="Endpoint"/>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How long one interpretation may take before the embedded engine answers instead.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Deployment) && (!string.IsNullOrWhiteSpace(Endpoint) || !string.IsNullOrWhiteSpace(BaseUrl));

    public IEnumerable<string> Validate()
    {
        if (!IsConfigured && (!string.IsNullOrWhiteSpace(Endpoint) || !string.IsNullOrWhiteSpace(BaseUrl) || !string.IsNullOrWhiteSpace(Deployment)))
        {
            yield return "AzureOpenAI needs Deployment and one of Endpoint (Azure) or BaseUrl (OpenAI-compatible); set both or neither.";
        }

        foreach (var (name, value) in new[] { (nameof(Endpoint), Endpoint), (nameof(BaseUrl), BaseUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value) && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
            {
                yield return $"AzureOpenAI:{name} must be an absolute https URL (plain http only on a loopback address); got \"{value}\".";
            }
        }

        if (TimeoutSeconds is <= 0 or > 60)
        {
            yield return $"AzureOpenAI:TimeoutSeconds must be between 0 and 60; got {TimeoutSeconds}.";
        }
    }
}
