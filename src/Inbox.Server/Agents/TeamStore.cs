using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Agents;

public sealed class TeamStore(IDbConnectionFactory db)
{
    public async Task<IReadOnlyList<TeamDto>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var teams = await c.QueryAsync<(long Id, string Name)>(new CommandDefinition("SELECT id, name FROM teams ORDER BY name", cancellationToken: ct));
        var members = (await c.QueryAsync<(long TeamId, long UserId)>(new CommandDefinition(
            "SELECT team_id, user_id FROM team_members", cancellationToken: ct))).ToLookup(m => m.TeamId, m => m.UserId);
        return teams.Select(t => new TeamDto(t.Id, t.Name, members[t.Id].ToList())).ToList();
    }

    public async Task<bool> ExistsAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM teams WHERE id = @Id", new { Id = id }, cancellationToken: ct)) is not null;
    }

    /// <summary>Null when the name is taken; unknown member ids are ignored by the caller's validation.</summary>
    public async Task<TeamDto?> CreateAsync(string name, IReadOnlyList<long> memberIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO teams (name, created_at) VALUES (@Name, @Now) RETURNING id", new { Name = name.Trim(), Now = now }, tx, cancellationToken: ct));
            foreach (var userId in memberIds.Distinct())
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO team_members (team_id, user_id) VALUES (@TeamId, @UserId)", new { TeamId = id, UserId = userId }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new TeamDto(id, name.Trim(), memberIds.Distinct().ToList());
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return null;
        }
    }

    /// <summary>Null when the team does not exist, or when the new name is taken (<paramref name="nameTaken"/>).</summary>
    public async Task<(TeamDto? Team, bool NameTaken)> UpdateAsync(long id, string? name, IReadOnlyList<long>? memberIds, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT name FROM teams WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));
        if (current is null) return (null, false);
        try
        {
            if (name is not null)
                await c.ExecuteAsync(new CommandDefinition("UPDATE teams SET name = @Name WHERE id = @Id", new { Id = id, Name = name.Trim() }, tx, cancellationToken: ct));
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return (null, true);
        }
        if (memberIds is not null)
        {
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM team_members WHERE team_id = @Id", new { Id = id }, tx, cancellationToken: ct));
            foreach (var userId in memberIds.Distinct())
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO team_members (team_id, user_id) VALUES (@TeamId, @UserId)", new { TeamId = id, UserId = userId }, tx, cancellationToken: ct));
        }
        var members = (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT user_id FROM team_members WHERE team_id = @Id ORDER BY user_id", new { Id = id }, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        return (new TeamDto(id, name?.Trim() ?? current, members), false);
    }

    public async Task<IReadOnlyList<long>> MemberIdsAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition("SELECT user_id FROM team_members WHERE team_id = @Id", new { Id = id }, cancellationToken: ct))).ToList();
    }
}
