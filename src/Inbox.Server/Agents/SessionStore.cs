using System.Security.Cryptography;
using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Agents;

/// <summary>
/// Server-side records of console sign-ins. A cookie is only as good as its row: deleting the row (logout, sign out
/// everywhere, a new password, a disabled user) ends every copy of the cookie on its next request, on any node.
/// </summary>
public sealed class SessionStore(IDbConnectionFactory db)
{
    /// <summary>A session unused this long is dead, as its cookie would be (the cookie's sliding expiry).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromDays(14);

    /// <summary>How stale <c>last_seen_at</c> may get: it only serves the idle timeout, so it is not written per request.</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromHours(1);

    public async Task<string> CreateAsync(long userId, DateTimeOffset now, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE last_seen_at < @Cutoff", new { Cutoff = now - IdleTimeout }, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sessions (id, user_id, created_at, last_seen_at) VALUES (@Id, @UserId, @Now, @Now)
            """, new { Id = id, UserId = userId, Now = now }, cancellationToken: ct));
        return id;
    }

    /// <summary>The enabled user signed in by session <paramref name="id"/>, or null if the session ended. One read by
    /// primary key per request (measured in bench/, see bench/README.md).</summary>
    public async Task<User?> FindUserAsync(string id, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SessionUser>(new CommandDefinition("""
            SELECT s.last_seen_at, u.id, u.email, u.display_name, u.role, u.disabled
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id = @Id
            """, new { Id = id }, cancellationToken: ct));
        if (row is null || row.Disabled || now - row.LastSeenAt > IdleTimeout) return null;
        if (now - row.LastSeenAt > SeenResolution)
            await c.ExecuteAsync(new CommandDefinition("UPDATE sessions SET last_seen_at = @Now WHERE id = @Id", new { Id = id, Now = now }, cancellationToken: ct));
        return new User { Id = row.Id, Email = row.Email, DisplayName = row.DisplayName, Role = row.Role };
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    /// <summary>Ends every session of the user but <paramref name="keep"/> (the one that asked, if any).</summary>
    public async Task DeleteForUserAsync(long userId, string? keep, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sessions WHERE user_id = @UserId AND id <> @Keep", new { UserId = userId, Keep = keep ?? "" }, cancellationToken: ct));
    }

    private sealed class SessionUser
    {
        public DateTimeOffset LastSeenAt { get; set; }
        public long Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public bool Disabled { get; set; }
    }
}
