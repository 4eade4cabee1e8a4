namespace Inbox.Connectors.Twilio;

/// <summary>
/// How the Twilio connector reaches Twilio. Set in code only (never bound from a channel's settings, so no customer can
/// point the account's credentials at another host): production leaves <see cref="ApiBaseOverride"/> null and the SDK
/// talks to api.twilio.com; tests point it at their loopback Twilio.
/// </summary>
public sealed class TwilioOptions
{
    public const string HttpClientName = "twilio";

    /// <summary>Twilio's REST host, the one the SDK calls and inbound media URLs name.</summary>
    public const string ApiHost = "api.twilio.com";

    /// <summary>Requests for <see cref="ApiHost"/> go here instead (scheme, host and port), and media is accepted from
    /// this host too. Null in production.</summary>
    public Uri? ApiBaseOverride { get; set; }

    /// <summary>Longest one call to Twilio may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
