using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Inbox.Server.Channels;

/// <summary>Channel credentials encrypted at rest with ASP.NET Core Data Protection (keys under the data directory).</summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Inbox.Channels.Secrets.v1");

    public string? Protect(IReadOnlyDictionary<string, string> secrets) =>
        secrets.Count == 0 ? null : _protector.Protect(JsonSerializer.Serialize(secrets));

    public IReadOnlyDictionary<string, string> Unprotect(string? protectedSecrets)
    {
        if (string.IsNullOrEmpty(protectedSecrets)) return new Dictionary<string, string>();
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(protectedSecrets)) ?? [];
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException("Channel secrets cannot be decrypted: was the data/keys folder lost or replaced?", ex);
        }
    }
}
