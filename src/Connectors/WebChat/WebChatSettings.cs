using System.Security.Cryptography;
using System.Text;
using Inbox.Connectors.Abstractions;

namespace Inbox.Connectors.WebChat;

/// <summary>A web chat channel's settings as the widget and the server read them (parsed once per channel context).</summary>
public sealed record WebChatSettings(
    IReadOnlySet<string> AllowedOrigins,
    string BrandColor,
    string? Greeting,
    BusinessHours Hours,
    bool SneakPeek,
    bool PreChat = false)
{
    public const string DefaultBrandColor = "#1f6feb";

    public static WebChatSettings Of(ChannelContext channel)
    {
        BusinessHours.TryParse(channel.Setting(WebChatConnector.BusinessHoursSetting), channel.Setting(WebChatConnector.TimeZoneSetting), out var hours, out _);
        var color = channel.Setting(WebChatConnector.BrandColorSetting);
        return new WebChatSettings(
            Origins(channel.Setting(WebChatConnector.AllowedOriginsSetting)),
            color is not null && IsColor(color) ? color : DefaultBrandColor,
            channel.Setting(WebChatConnector.GreetingSetting),
            hours,
            string.Equals(channel.Setting(WebChatConnector.SneakPeekSetting), "true", StringComparison.OrdinalIgnoreCase),
            string.Equals(channel.Setting(WebChatConnector.PreChatSetting), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Origins as browsers send them: <c>scheme://host[:port]</c>, lower case, no path; separated by commas or spaces.</summary>
    public static IReadOnlySet<string> Origins(string? text) =>
        (text ?? "").Split([',', ' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    public static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.Equals(origin.TrimEnd('/'), $"{uri.Scheme}://{uri.Authority}", StringComparison.OrdinalIgnoreCase);

    /// <summary>#rgb or #rrggbb only: the value goes into the widget's style sheet.</summary>
    public static bool IsColor(string value) =>
        value.Length is 4 or 7 && value[0] == '#' && value.Skip(1).All(Uri.IsHexDigit);

    public bool AllowsOrigin(string origin) => AllowedOrigins.Contains(origin.TrimEnd('/').ToLowerInvariant());

    /// <summary>Identity verification: <paramref name="hash"/> must be the hex HMAC-SHA256 of <paramref name="value"/> (the site's
    /// user id, or the email when there is no id) keyed with the channel's identity secret (or, during a rotation's grace,
    /// the retired one). Constant-time; false without a secret.</summary>
    public static bool Verifies(ChannelContext channel, DateTimeOffset at, string value, string? hash)
    {
        if (string.IsNullOrEmpty(hash) || hash.Length != 64) return false;
        var presented = Encoding.ASCII.GetBytes(hash.ToLowerInvariant());
        return channel.SecretsAt(WebChatConnector.IdentitySecret, at)
            .Any(secret => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, value)), presented));
    }

    public static string Sign(string secret, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(value)));
}
