using System.Security.Cryptography;
using System.Text;

namespace Inbox.Connectors.Abstractions;

/// <summary>Secrets we issue (API tokens, channel inbound tokens): 256 random bits, shown once, kept as SHA-256.
/// A slow password hash is not needed for values nobody can guess.</summary>
public static class IssuedSecrets
{
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time; false when either side is missing (fail closed).</summary>
    public static bool Matches(string? presented, string? storedHash) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(storedHash) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
