using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Data;

namespace Inbox.Server.Commerce;

/// <summary>
/// Who works which branch. Staff listed for locations see and work only those branches' reservations; admins, and
/// agents listed nowhere (customer service), see every branch. Read per request by key, like the viewer's teams.
/// </summary>
public sealed class BranchAccess(IDbConnectionFactory db)
{
    /// <summary>Null when the viewer may work every branch; else the branches they work.</summary>
    public async Task<IReadOnlyList<long>?> BranchesOfAsync(Viewer viewer, CancellationToken ct)
    {
        if (viewer.IsAdmin) return null;
        await using var c = await db.OpenAsync(ct);
        var branches = (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT location_id FROM commerce_location_staff WHERE user_id = @UserId ORDER BY location_id", new { viewer.UserId }, cancellationToken: ct))).ToList();
        return branches.Count == 0 ? null : branches;
    }

    public async Task<bool> MayWorkAsync(Viewer viewer, long locationId, CancellationToken ct) =>
        await BranchesOfAsync(viewer, ct) is not { } branches || branches.Contains(locationId);

    public async Task<IReadOnlyList<long>> StaffOfAsync(DbConnection c, DbTransaction? tx, long locationId, CancellationToken ct) =>
        (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT user_id FROM commerce_location_staff WHERE location_id = @LocationId ORDER BY user_id", new { LocationId = locationId }, tx, cancellationToken: ct))).ToList();

    /// <summary>Admin: the branch's staff become exactly these users.</summary>
    public async Task<Outcome<LocationStaffDto>> SetStaffAsync(long locationId, IReadOnlyList<long> userIds, CancellationToken ct)
    {
        var wanted = userIds.Distinct().ToList();
        if (wanted.Count > 500) return Outcome<LocationStaffDto>.Invalid("userIds", "At most 500 staff per location.");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM commerce_locations WHERE id = @Id", new { Id = locationId }, tx, cancellationToken: ct)) is null)
            return Outcome<LocationStaffDto>.NotFound("Location");
        if (wanted.Count > 0)
        {
            var known = (await c.QueryAsync<long>(new CommandDefinition($"SELECT id FROM users WHERE id {db.Dialect.In("@Ids")}",
                new { Ids = wanted.ToArray() }, tx, cancellationToken: ct))).ToHashSet();
            if (wanted.FirstOrDefault(id => !known.Contains(id)) is var missing and not 0)
                return Outcome<LocationStaffDto>.Invalid("userIds", $"There is no user {missing}.");
        }
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM commerce_location_staff WHERE location_id = @LocationId", new { LocationId = locationId }, tx, cancellationToken: ct));
        foreach (var userId in wanted)
            await c.ExecuteAsync(new CommandDefinition("INSERT INTO commerce_location_staff (location_id, user_id) VALUES (@LocationId, @UserId)",
                new { LocationId = locationId, UserId = userId }, tx, cancellationToken: ct));
        var staff = await StaffOfAsync(c, tx, locationId, ct);
        await tx.CommitAsync(ct);
        return Outcome<LocationStaffDto>.Ok(new LocationStaffDto(locationId, staff));
    }
}
