using Inbox.Connectors.Abstractions;
using Twilio.Security;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the SDK's <see cref="RequestValidator"/> over the URL Twilio was given (the
/// channel's public webhook URL plus the query the call carried): form bodies by their parameters, JSON bodies by the
/// <c>bodySHA256</c> query parameter. The validator accepts the URL with and without the default port, as Twilio signs
/// either. No auth token, no header, or any mismatch: refused.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static WebhookVerdict Verify(ChannelContext channel, WebhookRequest request)
    {
        var token = channel.Secret(TwilioSettings.AuthToken);
        if (token is null) return WebhookVerdict.Refuse(403, "The channel has no Twilio auth token to check signatures with.");
        var signature = request.Header(Header);
        if (string.IsNullOrEmpty(signature)) return WebhookVerdict.Refuse(403, $"Missing {Header}.");

        var url = SignedUrl(channel, request);
        var validator = new RequestValidator(token);
        var valid = IsJson(request)
            ? validator.Validate(url, request.BodyText, signature)
            : validator.Validate(url, request.Form.ToDictionary(StringComparer.Ordinal), signature);
        return valid ? WebhookVerdict.Accept : WebhookVerdict.Refuse(403, $"{Header} does not match this channel's auth token and webhook URL.");
    }

    /// <summary>The channel's configured public webhook URL when there is one (what the admin pasted into Twilio), else the
    /// URL as this request reached us; with the request's query either way (bodySHA256, or the admin's own parameters).</summary>
    public static string SignedUrl(ChannelContext channel, WebhookRequest request)
    {
        var called = request.PublicUrl;
        var base_ = channel.WebhookUrl ?? called.GetLeftPart(UriPartial.Path);
        return base_ + called.Query;
    }

    public static bool IsJson(WebhookRequest request) =>
        request.ContentType?.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) == true;
}
