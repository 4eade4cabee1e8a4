namespace Inbox.Connectors.Abstractions;

/// <summary>What the server answers the provider, as the connector asks (empty TwiML, a JSON receipt, 200).</summary>
public sealed record WebhookResponse(int StatusCode, string? ContentType = null, string? Body = null)
{
    public static readonly WebhookResponse Ok = new(200);
}

/// <summary>The verdict on a webhook's authenticity. Connectors fail closed: no secret configured means refused.</summary>
public sealed record WebhookVerdict(bool Authentic, int StatusCode, string? Reason)
{
    public static readonly WebhookVerdict Accept = new(true, 200, null);

    /// <summary>401 when credentials are missing, 403 when they are wrong (the provider's convention decides).</summary>
    public static WebhookVerdict Refuse(int statusCode, string reason) => new(false, statusCode, reason);
}

/// <summary>A verified request mapped to input, or the reasons it is malformed (answered 400, nothing stored).</summary>
public sealed record WebhookParse(ChannelInput? Input, IReadOnlyDictionary<string, string[]> Errors)
{
    public static WebhookParse Of(ChannelInput input) => new(input, new Dictionary<string, string[]>());

    public static WebhookParse Malformed(string field, string problem) => new(null, new Dictionary<string, string[]> { [field] = [problem] });

    public static WebhookParse Malformed(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);
}
