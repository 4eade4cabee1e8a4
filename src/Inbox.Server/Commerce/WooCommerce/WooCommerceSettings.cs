using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>The connected shop as the source uses it (credentials in clear, in memory only).</summary>
public sealed record WooCommerceShop(Uri BaseUrl, string ConsumerKey, string ConsumerSecret, CancellationRule Cancellation, DateTimeOffset UpdatedAt)
{
    /// <summary>Never the key or secret, should the record ever be logged or shown in a debugger.</summary>
    public override string ToString() => $"WooCommerceShop {{ BaseUrl = {BaseUrl}, Cancellation = {Cancellation} }}";
}

/// <summary>The one WooCommerce shop an admin connected. Key and secret are encrypted at rest with Data Protection, like
/// channel credentials; nothing here ever returns or logs the secret.</summary>
public sealed class WooCommerceSettings(IDbConnectionFactory db, IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Inbox.Commerce.WooCommerce.v1");

    /// <summary>The enabled shop, or null when none is connected (or it is switched off).</summary>
    public async Task<WooCommerceShop?> GetEnabledAsync(CancellationToken ct)
    {
        var row = await GetRowAsync(ct);
        if (row is null || !row.Enabled) return null;
        var (key, secret) = Unprotect(row.Credentials);
        return new WooCommerceShop(new Uri(row.BaseUrl), key, secret, DbEnum.Parse<CancellationRule>(row.Cancellation), row.UpdatedAt);
    }

    public async Task<WooCommerceSettingsDto> GetDtoAsync(CancellationToken ct)
    {
        var row = await GetRowAsync(ct);
        if (row is null) return new WooCommerceSettingsDto(false, null, null, CancellationRule.Note, false, null);
        var (key, _) = Unprotect(row.Credentials);
        return new WooCommerceSettingsDto(true, row.BaseUrl, Hint(key), DbEnum.Parse<CancellationRule>(row.Cancellation), row.Enabled, row.UpdatedAt);
    }

    /// <summary>The key and secret to save: the given ones, or for a blank one the stored one (null when there is none).</summary>
    public async Task<(string Key, string Secret)?> CredentialsToSaveAsync(string? consumerKey, string? consumerSecret, CancellationToken ct)
    {
        var existing = await GetRowAsync(ct);
        var (oldKey, oldSecret) = existing is null ? ("", "") : Unprotect(existing.Credentials);
        var key = string.IsNullOrWhiteSpace(consumerKey) ? oldKey : consumerKey.Trim();
        var secret = string.IsNullOrWhiteSpace(consumerSecret) ? oldSecret : consumerSecret.Trim();
        return key.Length == 0 || secret.Length == 0 ? null : (key, secret);
    }

    public async Task SaveAsync(WooCommerceShop shop, bool enabled, long userId, CancellationToken ct)
    {
        var credentials = _protector.Protect(JsonSerializer.Serialize(new Credentials(shop.ConsumerKey, shop.ConsumerSecret)));
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commerce_woocommerce (id, base_url, credentials, cancellation, enabled, updated_by, updated_at)
            VALUES (1, @BaseUrl, @Credentials, @Cancellation, @Enabled, @UserId, @Now)
            ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, credentials = excluded.credentials, cancellation = excluded.cancellation,
                enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new { BaseUrl = shop.BaseUrl.AbsoluteUri.TrimEnd('/'), Credentials = credentials, Cancellation = shop.Cancellation.ToDb(), Enabled = enabled, UserId = userId, Now = time.GetUtcNow() },
            cancellationToken: ct));
    }

    public async Task<bool> DeleteAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM commerce_woocommerce WHERE id = 1", cancellationToken: ct)) == 1;
    }

    private async Task<Row?> GetRowAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT base_url, credentials, cancellation, enabled, updated_at FROM commerce_woocommerce WHERE id = 1", cancellationToken: ct));
    }

    private (string Key, string Secret) Unprotect(string credentials)
    {
        try
        {
            var c = JsonSerializer.Deserialize<Credentials>(_protector.Unprotect(credentials))!;
            return (c.Key, c.Secret);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException("The WooCommerce credentials cannot be decrypted: was the data/keys folder lost or replaced?", ex);
        }
    }

    private static string Hint(string key) => key.Length <= 4 ? "…" : "…" + key[^4..];

    private sealed record Credentials(string Key, string Secret);

    private sealed class Row
    {
        public string BaseUrl { get; set; } = "";
        public string Credentials { get; set; } = "";
        public string Cancellation { get; set; } = "";
        public bool Enabled { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }
}
