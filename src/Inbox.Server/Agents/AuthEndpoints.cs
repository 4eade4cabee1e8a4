using Inbox.Contracts;
using Inbox.Server.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Server.Agents;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/login", async (LoginRequest request, HttpContext http, UserStore users, IPasswordHasher<User> hasher, TimeProvider time, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                return ApiProblems.Invalid("email", "Email and password are required.");
            var user = await users.FindByEmailAsync(request.Email, ct);
            var verdict = user is null || user.Disabled ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
            if (verdict == PasswordVerificationResult.Failed)
            {
                logs.CreateLogger("Inbox.Auth").LogInformation("Failed sign-in from {RemoteIp}", http.Connection.RemoteIpAddress);
                return ApiProblems.Unauthorized("Wrong email or password.");
            }
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user!.PasswordHash = hasher.HashPassword(user, request.Password);
                await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
            }
            await http.SignInAsync(AuthExtensions.CookieScheme, AgentClaims.Create(user!, AuthExtensions.CookieScheme, time.GetUtcNow()));
            return Results.Ok(UserStore.ToDto(user!, await users.TeamIdsAsync(user!.Id, ct)));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);

        auth.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(AuthExtensions.CookieScheme);
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

        auth.MapPost("/password", async (ChangePasswordRequest request, HttpContext http, UserStore users, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(request.NewPassword) || request.NewPassword.Length < 8)
                return ApiProblems.Invalid("newPassword", "The new password needs at least 8 characters.");
            var user = await users.GetAsync(http.User.UserId(), ct);
            if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword ?? "") == PasswordVerificationResult.Failed)
                return ApiProblems.Invalid("currentPassword", "The current password is wrong.");
            user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
            await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
            // Other sessions end with the old password; this one carries on with the new.
            if (http.User.Identity?.AuthenticationType == AuthExtensions.CookieScheme)
                await http.SignInAsync(AuthExtensions.CookieScheme, AgentClaims.Create(user, AuthExtensions.CookieScheme, time.GetUtcNow()));
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        return app;
    }
}
