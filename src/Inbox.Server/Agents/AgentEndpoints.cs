using System.Net.Mail;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Live;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Server.Agents;

/// <summary>Users, teams and personal API tokens.</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Routes.Users).WithTags("Agents").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        users.MapGet("", (UserStore store, CancellationToken ct) => store.ListAsync(ct));
        users.MapPost("", async (CreateUserRequest request, UserStore store, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email) || !MailAddress.TryCreate(request.Email, out _)) errors["email"] = ["A valid email is required."];
            if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["A display name is required."];
            if (request.Role is not (Roles.Admin or Roles.Agent)) errors["role"] = [$"Role must be {Roles.Admin} or {Roles.Agent}."];
            if (string.IsNullOrEmpty(request.Password) || request.Password.Length < 8) errors["password"] = ["The password needs at least 8 characters."];
            if (errors.Count > 0) return ApiProblems.Invalid(errors);
            var draft = new User { Email = request.Email, DisplayName = request.DisplayName, Role = request.Role };
            var user = await store.CreateAsync(request.Email, request.DisplayName, request.Role, hasher.HashPassword(draft, request.Password), time.GetUtcNow(), ct);
            return user is null
                ? ApiProblems.Conflict("A user with this email already exists.")
                : Results.Created($"{Routes.Users}/{user.Id}", UserStore.ToDto(user, []));
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        users.MapPatch("/{id:long}", async (long id, UpdateUserRequest request, HttpContext http, UserStore store, SessionStore sessions, IPasswordHasher<User> hasher,
            ILiveConnections live, ILoggerFactory logs, CancellationToken ct) =>
        {
            var user = await store.GetAsync(id, ct);
            if (user is null) return ApiProblems.NotFound("User");
            var errors = new Dictionary<string, string[]>();
            if (request.DisplayName is not null && (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 100))
                errors["displayName"] = ["A display name of 1 to 100 characters is required."];
            if (request.Role is not null && request.Role is not (Roles.Admin or Roles.Agent)) errors["role"] = [$"Role must be {Roles.Admin} or {Roles.Agent}."];
            if (request.Password is not null && request.Password.Length < 8) errors["password"] = ["The password needs at least 8 characters."];
            if (errors.Count > 0) return ApiProblems.Invalid(errors);

            var losesAdmin = user.Role == Roles.Admin && !user.Disabled && (request.Disabled == true || request.Role == Roles.Agent);
            if (losesAdmin && await store.OtherActiveAdminsAsync(user.Id, ct) == 0)
                return ApiProblems.Conflict("This is the last active admin: make another user admin first.");

            if (request.DisplayName is not null) user.DisplayName = request.DisplayName.Trim();
            if (request.Role is not null) user.Role = request.Role;
            if (request.Disabled is { } disabled) user.Disabled = disabled;
            if (request.Password is not null) user.PasswordHash = hasher.HashPassword(user, request.Password);
            await store.UpdateAsync(user, ct);
            // Takes effect on the user's next request: sessions are read per request (a disabled user's are refused,
            // a role is read afresh). A reset password or disabling also ends the sessions, so re-enabling does not
            // revive old cookies. Live connections close and come back re-authorised, or not at all.
            if (request.Disabled == true || request.Password is not null) await sessions.DeleteForUserAsync(user.Id, keep: null, ct);
            if (request.Disabled is not null || request.Role is not null || request.Password is not null) live.CloseUser(user.Id);
            logs.CreateLogger("Inbox.Agents").LogInformation("User {UserId} updated by {AdminId}", user.Id, http.User.UserId());
            return Results.Ok(UserStore.ToDto(user, await store.TeamIdsAsync(user.Id, ct)));
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        var teams = app.MapGroup(Routes.Teams).WithTags("Agents").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        teams.MapGet("", (TeamStore store, CancellationToken ct) => store.ListAsync(ct));
        teams.MapPost("", async (CreateTeamRequest request, TeamStore store, UserStore userStore, IInboxNotifier notifier, TimeProvider time, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) return ApiProblems.Invalid("name", "A team name of 1 to 100 characters is required.");
            var members = request.MemberIds ?? [];
            var known = (await userStore.ListAsync(ct)).Select(u => u.Id).ToHashSet();
            var unknown = members.Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0) return ApiProblems.Invalid("memberIds", $"Unknown users: {string.Join(", ", unknown)}.");
            var team = await store.CreateAsync(request.Name, members, time.GetUtcNow(), ct);
            if (team is not null) foreach (var member in team.MemberIds) await notifier.ReconnectUserAsync(member);
            return team is null ? ApiProblems.Conflict("A team with this name already exists.") : Results.Created($"{Routes.Teams}/{team.Id}", team);
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        teams.MapPut("/{id:long}", async (long id, UpdateTeamRequest request, TeamStore store, UserStore userStore, IInboxNotifier notifier, CancellationToken ct) =>
        {
            if (request.Name is not null && (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100))
                return ApiProblems.Invalid("name", "A team name of 1 to 100 characters is required.");
            if (request.MemberIds is { } wanted)
            {
                var known = (await userStore.ListAsync(ct)).Select(u => u.Id).ToHashSet();
                var unknown = wanted.Where(u => !known.Contains(u)).ToList();
                if (unknown.Count > 0) return ApiProblems.Invalid("memberIds", $"Unknown users: {string.Join(", ", unknown)}.");
            }
            var before = await store.MemberIdsAsync(id, ct);
            var (team, nameTaken) = await store.UpdateAsync(id, request.Name, request.MemberIds, ct);
            if (nameTaken) return ApiProblems.Conflict("A team with this name already exists.");
            if (team is null) return ApiProblems.NotFound("Team");
            // Whoever joined or left now sees other conversations: their live connections rejoin with the new groups.
            foreach (var changed in before.Except(team.MemberIds).Concat(team.MemberIds.Except(before))) await notifier.ReconnectUserAsync(changed);
            return Results.Ok(team);
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        var tokens = app.MapGroup(Routes.Tokens).WithTags("Agents").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        tokens.MapGet("", (HttpContext http, ApiTokenStore store, CancellationToken ct) => store.ListAsync(http.User.UserId(), ct));
        tokens.MapPost("", async (CreateApiTokenRequest request, HttpContext http, ApiTokenStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) return ApiProblems.Invalid("name", "A token name of 1 to 100 characters is required.");
            var created = await store.CreateAsync(http.User.UserId(), request.Name, time.GetUtcNow(), ct);
            return Results.Created(Routes.Token(created.Token.Id), created);
        });
        tokens.MapDelete("/{id:long}", async (long id, HttpContext http, ApiTokenStore store, ILiveConnections live, TimeProvider time, CancellationToken ct) =>
        {
            if (!await store.RevokeAsync(http.User.UserId(), id, time.GetUtcNow(), ct)) return ApiProblems.NotFound("Token");
            live.CloseToken(id);
            return Results.NoContent();
        });
        return app;
    }
}
