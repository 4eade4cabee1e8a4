using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Api;

/// <summary>
/// Signs outbound webhooks as <c>X-Inbox-Signature: sha256=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>
/// with <c>X-Inbox-Timestamp</c> in Unix seconds, so receivers can reject tampered or replayed deliveries. During a
/// rotation's grace the header lists one signature per valid secret, newest first, separated by ", ": a receiver accepts
/// the delivery when any of them matches its secret.
/// </summary>
public static class ApiWebhookSignature
{
    public const string SignatureHeader = "X-Inbox-Signature";
    public const string TimestampHeader = "X-Inbox-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>The header's value: one signature per secret (the current one first, then a retired one in its grace).</summary>
    public static string SignAll(IEnumerable<string> secrets, long timestamp, string body) =>
        string.Join(", ", secrets.Select(secret => Sign(secret, timestamp, body)));

    /// <summary>Constant-time check of each listed signature; also rejects timestamps further than <paramref name="tolerance"/> from now.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || signatureHeader is null || !long.TryParse(timestampHeader, out var timestamp)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Aggregate(false, (any, listed) => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(listed)) | any);
    }
}
