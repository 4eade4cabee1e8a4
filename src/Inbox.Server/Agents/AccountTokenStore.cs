using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Server.Data;

namespace Inbox.Server.Agents;

/// <summary>What a mailed one-time link is for.</summary>
public static class AccountTokenPurpose
{
    public const string Invitation = "invitation";
    public const string PasswordReset = "password_reset";
}

/// <summary>One-time links mailed to users: only the token's hash is kept, and redeeming it is one atomic update, so a link
/// works once, before it expires, even when clicked twice at the same moment.</summary>
public sealed class AccountTokenStore(IDbConnectionFactory db)
{
    public const string Prefix = "inbox_link_";

    /// <summary>A new link for the user; earlier unused links for the same purpose stop working (only the newest mail counts).</summary>
    public async Task<string> IssueAsync(long userId, string purpose, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        var token = IssuedSecrets.New(Prefix);
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM account_tokens WHERE user_id = @UserId AND purpose = @Purpose AND used_at IS NULL",
            new { UserId = userId, Purpose = purpose }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at, created_at)
            VALUES (@UserId, @Purpose, @Hash, @ExpiresAt, @Now)
            """, new { UserId = userId, Purpose = purpose, Hash = IssuedSecrets.Hash(token), ExpiresAt = expiresAt, Now = now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return token;
    }

    /// <summary>The user the link was for, once; null when unknown, used, expired or for another purpose.</summary>
    public async Task<long?> RedeemAsync(string? token, string purpose, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("""
            UPDATE account_tokens SET used_at = @Now
            WHERE token_hash = @Hash AND purpose = @Purpose AND used_at IS NULL AND expires_at > @Now
            RETURNING user_id
            """, new { Hash = IssuedSecrets.Hash(token), Purpose = purpose, Now = now }, cancellationToken: ct));
    }

    /// <summary>Users invited who have not yet set their password (an invitation link unused and still valid).</summary>
    public async Task<IReadOnlySet<long>> PendingInvitationsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var ids = await c.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT user_id FROM account_tokens WHERE purpose = @Purpose AND used_at IS NULL AND expires_at > @Now",
            new { Purpose = AccountTokenPurpose.Invitation, Now = now }, cancellationToken: ct));
        return ids.ToHashSet();
    }
}
