using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

/// <summary>Sends what the SDK addresses to api.twilio.com to <see cref="TwilioOptions.ApiBaseOverride"/> when one is
/// set (tests); otherwise leaves every request as it is.</summary>
public sealed class TwilioApiRedirect(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.ApiBaseOverride is { } target && request.RequestUri is { } uri
            && uri.Host.Equals(TwilioOptions.ApiHost, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
