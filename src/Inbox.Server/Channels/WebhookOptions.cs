using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Channels;

/// <summary>Section "Inbox:Webhooks": how providers reach the one webhook endpoint (<c>/webhooks/{key}</c>).</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Inbox:Webhooks";

    /// <summary>The address providers call us at, as they see it (behind a proxy: https://inbox.shop.example). Signatures
    /// such as Twilio's cover this URL. Empty: taken from each request (scheme and host, X-Forwarded-Proto honoured).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Longest a webhook waits for its input to be stored before answering 503 (providers retry).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests a second per channel before 429 (a token bucket; bursts up to twice this).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 2_000;

    /// <summary>Largest webhook body accepted, in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Where providers reach this server: the configured base, else the request's own scheme, host and path base.</summary>
    public string PublicBase(HttpRequest request) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl.TrimEnd('/');

    /// <summary>The channel's webhook URL under the configured public base; null when none is configured (the URL is then
    /// only known from a request).</summary>
    public string? WebhookUrl(string webhookKey) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : $"{PublicBaseUrl.TrimEnd('/')}{ChannelWebhookEndpoints.Prefix}/{webhookKey}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
            yield return new ValidationResult("PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
    }
}
