using Inbox.Connectors.Abstractions;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Data;

namespace Inbox.Server.Agents;

/// <summary>Personal API tokens for integrations: high-entropy secrets, so a SHA-256 hash is all we keep.</summary>
public sealed class ApiTokenStore(IDbConnectionFactory db)
{
    public const string Prefix = "inbox_pat_";

    public async Task<ApiTokenCreatedDto> CreateAsync(long userId, string name, DateTimeOffset now, CancellationToken ct)
    {
        var secret = IssuedSecrets.New(Prefix);
        await using var c = await db.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (@UserId, @Name, @Hash, @Now) RETURNING id
            """, new { UserId = userId, Name = name.Trim(), Hash = IssuedSecrets.Hash(secret), Now = now }, cancellationToken: ct));
        return new ApiTokenCreatedDto(new ApiTokenDto(id, name.Trim(), now, null), secret);
    }

    public async Task<IReadOnlyList<ApiTokenDto>> ListAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TokenRow>(new CommandDefinition("""
            SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = @UserId AND revoked_at IS NULL ORDER BY id
            """, new { UserId = userId }, cancellationToken: ct));
        return rows.Select(r => new ApiTokenDto(r.Id, r.Name, r.CreatedAt, r.LastUsedAt)).ToList();
    }

    public async Task<bool> RevokeAsync(long userId, long tokenId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("""
            UPDATE api_tokens SET revoked_at = @Now WHERE id = @Id AND user_id = @UserId AND revoked_at IS NULL
            """, new { Id = tokenId, UserId = userId, Now = now }, cancellationToken: ct)) == 1;
    }

    /// <summary>The enabled user owning a live token, and the token's id; null if there is none.</summary>
    public async Task<(User User, long TokenId)?> FindUserAsync(string secret, DateTimeOffset now, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        await using var c = await db.OpenAsync(ct);
        var hit = await c.QuerySingleOrDefaultAsync<TokenOwner>(new CommandDefinition("""
            SELECT t.id AS token_id, t.last_used_at, u.id, u.email, u.display_name, u.role, u.disabled
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @Hash AND t.revoked_at IS NULL
            """, new { Hash = IssuedSecrets.Hash(secret) }, cancellationToken: ct));
        if (hit is null || hit.Disabled) return null;
        if (hit.LastUsedAt is null || now - hit.LastUsedAt > TimeSpan.FromMinutes(1))
            await c.ExecuteAsync(new CommandDefinition("UPDATE api_tokens SET last_used_at = @Now WHERE id = @Id", new { Id = hit.TokenId, Now = now }, cancellationToken: ct));
        return (new User { Id = hit.Id, Email = hit.Email, DisplayName = hit.DisplayName, Role = hit.Role }, hit.TokenId);
    }

    private sealed class TokenRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? LastUsedAt { get; set; }
    }

    private sealed class TokenOwner
    {
        public long TokenId { get; set; }
        public DateTimeOffset? LastUsedAt { get; set; }
        public long Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public bool Disabled { get; set; }
    }
}
