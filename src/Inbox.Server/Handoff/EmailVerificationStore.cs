using System.Data.Common;
using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Handoff;

/// <summary>The <c>email_verifications</c> table: addresses waiting for their mailed link to be opened, by token hash.</summary>
public sealed class EmailVerificationStore(IDbConnectionFactory db)
{
    public async Task InsertAsync(string tokenHash, string visitorId, string email, long channelId, string? language, DateTimeOffset now, DateTimeOffset expiresAt,
        CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO email_verifications (token_hash, visitor_id, email, channel_id, language, created_at, expires_at)
            VALUES (@Hash, @VisitorId, @Email, @ChannelId, @Language, @Now, @ExpiresAt)
            """, new { Hash = tokenHash, VisitorId = visitorId, Email = email, ChannelId = channelId, Language = language, Now = now, ExpiresAt = expiresAt },
            cancellationToken: ct));
    }

    /// <summary>A link whose mail never left is forgotten (it does not count against the hourly limit either).</summary>
    public async Task DeleteAsync(string tokenHash, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM email_verifications WHERE token_hash = @Hash", new { Hash = tokenHash }, cancellationToken: ct));
    }

    /// <summary>Links issued since <paramref name="since"/> to this visitor, and to this address (whoever asked).</summary>
    public async Task<(long ByVisitor, long ByAddress)> CountSinceAsync(string visitorId, string email, DateTimeOffset since, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT (SELECT COUNT(*) FROM email_verifications WHERE visitor_id = @VisitorId AND created_at > @Since),
                   (SELECT COUNT(*) FROM email_verifications WHERE email = @Email AND created_at > @Since)
            """, new { VisitorId = visitorId, Email = email, Since = since }, cancellationToken: ct));
    }

    /// <summary>Marks the link used and returns it, or null when it is unknown, used or expired. One statement, so a link
    /// opened twice at once confirms once.</summary>
    public async Task<PendingVerification?> ClaimAsync(DbConnection c, DbTransaction tx, string tokenHash, DateTimeOffset now, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<PendingVerification>(new CommandDefinition("""
            UPDATE email_verifications SET used_at = @Now
            WHERE token_hash = @Hash AND used_at IS NULL AND expires_at > @Now
            RETURNING visitor_id, email, channel_id, language
            """, new { Hash = tokenHash, Now = now }, tx, cancellationToken: ct));

    /// <summary>Why a link did not claim: used, expired, or never issued (null).</summary>
    public async Task<VerificationState?> StateAsync(string tokenHash, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<VerificationState>(new CommandDefinition(
            "SELECT used_at, expires_at, language FROM email_verifications WHERE token_hash = @Hash", new { Hash = tokenHash }, cancellationToken: ct));
    }

    public async Task SetIdentityAsync(DbConnection c, DbTransaction tx, string tokenHash, long identityId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE email_verifications SET identity_id = @IdentityId WHERE token_hash = @Hash",
            new { Hash = tokenHash, IdentityId = identityId }, tx, cancellationToken: ct));

    /// <summary>The newest address this visitor verified that is still on the visitor's contact (a split takes it away).</summary>
    public async Task<VerifiedAddress?> VerifiedAsync(DbConnection c, DbTransaction? tx, string visitorId, CancellationToken ct) =>
        await c.QueryFirstOrDefaultAsync<VerifiedAddress>(new CommandDefinition("""
            SELECT i.id AS identity_id, i.address
            FROM email_verifications v
            JOIN contact_identities i ON i.id = v.identity_id
            JOIN contact_identities w ON w.kind = @WebVisitor AND w.address = v.visitor_id AND w.contact_id = i.contact_id
            WHERE v.visitor_id = @VisitorId AND v.used_at IS NOT NULL
            ORDER BY v.used_at DESC
            LIMIT 1
            """, new { VisitorId = visitorId, WebVisitor = Contracts.IdentityKind.WebVisitor.ToDb() }, tx, cancellationToken: ct));

    public async Task<VerifiedAddress?> VerifiedAsync(string visitorId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await VerifiedAsync(c, null, visitorId, ct);
    }
}

public sealed class PendingVerification
{
    public string VisitorId { get; set; } = "";
    public string Email { get; set; } = "";
    public long ChannelId { get; set; }
    public string? Language { get; set; }
}

public sealed class VerifiedAddress
{
    public long IdentityId { get; set; }
    public string Address { get; set; } = "";
}

public sealed class VerificationState
{
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? Language { get; set; }
}
