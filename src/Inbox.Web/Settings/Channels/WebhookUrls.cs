namespace Inbox.Web.Settings.Channels;

/// <summary>A webhook URL must be absolute http(s); the server only checks it when sending or testing.</summary>
public static class WebhookUrls
{
    public static bool IsValid(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
