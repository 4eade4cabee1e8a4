using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Agents;

public sealed class UserStore(IDbConnectionFactory db)
{
    private const string Columns = "id, email, display_name, role, password_hash, disabled, availability, created_at";

    public async Task<User?> FindByEmailAsync(string email, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE email = @Email", new { Email = email.Trim().ToLowerInvariant() }, cancellationToken: ct));
    }

    public async Task<User?> GetAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var users = await c.QueryAsync<User>(new CommandDefinition($"SELECT {Columns} FROM users ORDER BY display_name, id", cancellationToken: ct));
        var memberships = (await c.QueryAsync<(long UserId, long TeamId)>(new CommandDefinition(
            "SELECT user_id, team_id FROM team_members", cancellationToken: ct))).ToLookup(m => m.UserId, m => m.TeamId);
        return users.Select(u => ToDto(u, memberships[u.Id].ToList())).ToList();
    }

    /// <summary>What an active agent may see (the one an assignment or a mention names); null when there is none.</summary>
    public async Task<Viewer?> ActiveViewerAsync(long userId, CancellationToken ct) =>
        await GetAsync(userId, ct) is { Disabled: false } user ? new Viewer(user.Id, user.Role == Roles.Admin, await TeamIdsAsync(user.Id, ct)) : null;

    public async Task<IReadOnlyList<long>> TeamIdsAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT team_id FROM team_members WHERE user_id = @UserId", new { UserId = userId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Null when the email is taken (the unique index decides, not a prior check).</summary>
    public async Task<User?> CreateAsync(string email, string displayName, string role, string passwordHash, DateTimeOffset now, CancellationToken ct)
    {
        var user = new User { Email = email.Trim().ToLowerInvariant(), DisplayName = displayName.Trim(), Role = role, PasswordHash = passwordHash, CreatedAt = now };
        await using var c = await db.OpenAsync(ct);
        try
        {
            user.Id = await c.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO users (email, display_name, role, password_hash, disabled, created_at)
                VALUES (@Email, @DisplayName, @Role, @PasswordHash, FALSE, @CreatedAt)
                RETURNING id
                """, user, cancellationToken: ct));
            return user;
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return null;
        }
    }

    public async Task UpdateAsync(User user, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET display_name = @DisplayName, role = @Role, disabled = @Disabled, password_hash = @PasswordHash WHERE id = @Id
            """, new { user.Id, user.DisplayName, user.Role, user.Disabled, user.PasswordHash }, cancellationToken: ct));
    }

    public async Task SetAvailabilityAsync(long userId, AgentAvailability availability, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("UPDATE users SET availability = @Availability WHERE id = @Id",
            new { Id = userId, Availability = availability.ToDb() }, cancellationToken: ct));
    }

    /// <summary>Enabled admins other than <paramref name="exceptUserId"/>: an install must never lose its last one.</summary>
    public async Task<long> OtherActiveAdminsAsync(long exceptUserId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE role = @Role AND disabled = FALSE AND id <> @Id", new { Role = Roles.Admin, Id = exceptUserId }, cancellationToken: ct));
    }

    public async Task DeleteAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { Id = userId }, cancellationToken: ct));
    }

    public async Task UpdatePasswordHashAsync(long userId, string passwordHash, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @PasswordHash WHERE id = @Id", new { Id = userId, PasswordHash = passwordHash }, cancellationToken: ct));
    }

    public static UserDto ToDto(User u, IReadOnlyList<long> teamIds) => new(u.Id, u.Email, u.DisplayName, u.Role, teamIds, u.Disabled, u.AvailabilityChoice);
}
