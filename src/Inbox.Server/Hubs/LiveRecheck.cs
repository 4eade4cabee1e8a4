using Dapper;
using Inbox.Server.Data;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Hubs;

/// <summary>
/// A logout, a revoked token or a rights change made on another node cannot reach this node's live connections
/// directly (no backplane yet). Every <see cref="LiveOptions.RecheckInterval"/> this node reads, in three small
/// queries, whether the sessions, tokens and users behind its connections are still what they were at connect, and
/// closes those that are not; the console reconnects and is re-authorised, or refused.
/// </summary>
public sealed partial class LiveRecheck(AgentConnections connections, IDbConnectionFactory db, IOptions<LiveOptions> options, TimeProvider time,
    ILogger<LiveRecheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.RecheckInterval, time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await RecheckAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    public async Task RecheckAsync(CancellationToken ct)
    {
        var holders = connections.Holders();
        if (holders.Count == 0) return;
        var sessionIds = holders.Select(h => h.SessionId).OfType<string>().Distinct().ToList();
        var tokenIds = holders.Select(h => h.TokenId).OfType<long>().Distinct().ToList();
        var userIds = holders.Select(h => h.Viewer.UserId).Distinct().ToList();
        await using var c = await db.OpenAsync(ct);
        var liveSessions = sessionIds.Count == 0 ? [] : (await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM sessions WHERE id {db.Dialect.In("@Ids")}", new { Ids = sessionIds }, cancellationToken: ct))).ToHashSet();
        var liveTokens = tokenIds.Count == 0 ? [] : (await c.QueryAsync<long>(new CommandDefinition(
            $"SELECT id FROM api_tokens WHERE id {db.Dialect.In("@Ids")} AND revoked_at IS NULL", new { Ids = tokenIds }, cancellationToken: ct))).ToHashSet();
        var users = (await c.QueryAsync<(long Id, string Role, long Disabled)>(new CommandDefinition(
            $"SELECT id, role, CASE WHEN disabled THEN 1 ELSE 0 END FROM users WHERE id {db.Dialect.In("@Ids")}", new { Ids = userIds }, cancellationToken: ct))).ToDictionary(u => u.Id);
        var teams = (await c.QueryAsync<(long UserId, long TeamId)>(new CommandDefinition(
            $"SELECT user_id, team_id FROM team_members WHERE user_id {db.Dialect.In("@Ids")}", new { Ids = userIds }, cancellationToken: ct))).ToLookup(m => m.UserId, m => m.TeamId);

        foreach (var session in sessionIds.Where(s => !liveSessions.Contains(s))) connections.CloseSession(session);
        foreach (var token in tokenIds.Where(t => !liveTokens.Contains(t))) connections.CloseToken(token);
        foreach (var (viewer, _, _) in holders)
        {
            var now = users.TryGetValue(viewer.UserId, out var u) ? u : default;
            var changed = now.Id == 0 || now.Disabled != 0 || (now.Role == Contracts.Roles.Admin) != viewer.IsAdmin
                || !teams[viewer.UserId].Order().SequenceEqual(viewer.TeamIds.Order());
            if (changed) connections.CloseUser(viewer.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-checking the live connections' sessions failed; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}
