namespace Inbox.Server.Agents;

/// <summary>Who is asking, and so which conversations they may see: admins all; agents those without a team
/// or of one of their teams.</summary>
public sealed record Viewer(long UserId, bool IsAdmin, IReadOnlyList<long> TeamIds)
{
    public bool CanSee(long? teamId) => IsAdmin || teamId is null || TeamIds.Contains(teamId.Value);

    /// <summary>The same rule in SQL over a conversations alias <c>c</c>; parameters @ViewerIsAdmin and @ViewerTeamIds.</summary>
    public static string SqlFilter(Data.SqlDialect dialect) => $"(@ViewerIsAdmin = 1 OR c.team_id IS NULL OR c.team_id {dialect.In("@ViewerTeamIds")})";

    public object SqlParameters => new { ViewerIsAdmin = IsAdmin ? 1 : 0, ViewerTeamIds = TeamIds.Count == 0 ? [-1L] : TeamIds };

    /// <summary>Lets an endpoint take a <see cref="Viewer"/> parameter: the signed-in user and their teams.</summary>
    public static async ValueTask<Viewer?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<ViewerResolver>().ResolveAsync(context.User, context.RequestAborted);
}

public sealed class ViewerResolver(UserStore users)
{
    public async Task<Viewer> ResolveAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken ct)
    {
        var id = principal.UserId();
        return new Viewer(id, principal.IsAdmin(), await users.TeamIdsAsync(id, ct));
    }
}
