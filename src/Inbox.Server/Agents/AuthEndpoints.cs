using System.Globalization;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Server.Agents;

public static partial class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/login", async (LoginRequest request, HttpContext http, SignIn signIn, SessionStore sessions, UserStore users, TimeProvider time, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                return ApiProblems.Invalid("email", "Email and password are required.");
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var (user, retryAfter) = await signIn.CheckAsync(request.Email, request.Password, address, ct);
            if (retryAfter is { } wait)
            {
                var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
                LogThrottled(logs.CreateLogger("Inbox.Auth"), address, seconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins",
                    detail: $"Try again in {seconds} seconds.");
            }
            if (user is null)
            {
                LogFailed(logs.CreateLogger("Inbox.Auth"), address);
                return ApiProblems.Unauthorized("Wrong email or password.");
            }
            var session = await sessions.CreateAsync(user.Id, time.GetUtcNow(), ct);
            // Without "keep me signed in" the cookie ends with the browser; the server-side session ends either way after
            // its idle timeout, or with a sign-out.
            await http.SignInAsync(AuthExtensions.CookieScheme, AgentClaims.ForCookie(user.Id, session),
                new AuthenticationProperties { IsPersistent = request.RememberMe });
            return Results.Ok(UserStore.ToDto(user, await users.TeamIdsAsync(user.Id, ct)));
        }).AllowAnonymous();

        // Ends this cookie's session on the server: a copy of the cookie is dead too, and so are its live connections.
        auth.MapPost("/logout", async (HttpContext http, SessionStore sessions, ILiveConnections live, CancellationToken ct) =>
        {
            if (http.User.SessionId() is { } session)
            {
                await sessions.DeleteAsync(session, ct);
                live.CloseSession(session);
                await http.SignOutAsync(AuthExtensions.CookieScheme);
            }
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        // Every console session of the caller ends (lost laptop, shared computer), with every live connection.
        // API tokens are separate credentials: revoke them under /api/tokens.
        auth.MapPost("/logout-everywhere", async (HttpContext http, SessionStore sessions, ILiveConnections live, CancellationToken ct) =>
        {
            await sessions.DeleteForUserAsync(http.User.UserId(), keep: null, ct);
            live.CloseUser(http.User.UserId());
            if (http.User.SessionId() is not null) await http.SignOutAsync(AuthExtensions.CookieScheme);
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        auth.MapGet("/me", async (HttpContext http, UserStore users, CancellationToken ct) =>
        {
            var user = await users.GetAsync(http.User.UserId(), ct);
            return user is null || user.Disabled ? Results.Unauthorized() : Results.Ok(UserStore.ToDto(user, await users.TeamIdsAsync(user.Id, ct)));
        }).RequireAuthorization();

        auth.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new AntiforgeryTokenDto(Routes.AntiforgeryHeader, tokens.RequestToken!));
        }).RequireAuthorization();

        auth.MapPost("/password", async (ChangePasswordRequest request, HttpContext http, UserStore users, SessionStore sessions, ILiveConnections live,
            IPasswordHasher<User> hasher, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(request.NewPassword) || request.NewPassword.Length < 8)
                return ApiProblems.Invalid("newPassword", "The new password needs at least 8 characters.");
            var user = await users.GetAsync(http.User.UserId(), ct);
            if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword ?? "") == PasswordVerificationResult.Failed)
                return ApiProblems.Invalid("currentPassword", "The current password is wrong.");
            user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
            await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
            // Other sessions end with the old password; this one carries on. Live connections reconnect (this
            // console's with its still valid cookie).
            await sessions.DeleteForUserAsync(user.Id, keep: http.User.SessionId(), ct);
            live.CloseUser(user.Id);
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed sign-in from {RemoteIp}")]
    private static partial void LogFailed(ILogger logger, string remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Throttled sign-in from {RemoteIp} for {Seconds} s")]
    private static partial void LogThrottled(ILogger logger, string remoteIp, int seconds);
}
