using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Agents;

/// <summary>Mailed links: an admin's invitation, and "forgot password" from the sign-in page.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountLinksApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous();

        auth.MapGet("/options", (AccountLinks links, SystemMailer mailer) => new AuthOptionsDto(links.ResetsAvailable, mailer.IsConfigured))
            .WithSummary("Whether the console can offer a password reset and invitations by mail.");

        // The same 202 for every address: the form does not tell who has an account. The sign-in throttle counts it.
        auth.MapPost("/password/forgot", async (ForgotPasswordRequest request, HttpContext http, AccountLinks links, SignInThrottle throttle, CancellationToken ct) =>
        {
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.Attempt(request.Email ?? "", address) is { } wait)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: "Try again later.");
            }
            await links.ForgotAsync(request, ct);
            return Results.Accepted();
        }).WithSummary("Mails a one-time reset link to the address when it belongs to an enabled user; always answers 202.");

        auth.MapPost("/password/reset", async (ResetPasswordRequest request, AccountLinks links, CancellationToken ct) =>
            (await links.ResetAsync(request, ct)).ToHttp(_ => Results.NoContent()))
            .WithSummary("Sets a new password from a reset link (once, before it expires) and ends every session of the user.");

        auth.MapPost("/invitations/accept", async (AcceptInvitationRequest request, HttpContext http, AccountLinks links, SessionStore sessions,
                UserStore users, TimeProvider time, CancellationToken ct) =>
            {
                var accepted = await links.AcceptAsync(request, ct);
                if (accepted.Value is not { } user) return accepted.ToHttp();
                var session = await sessions.CreateAsync(user.Id, time.GetUtcNow(), ct);
                await http.SignInAsync(AuthExtensions.CookieScheme, AgentClaims.ForCookie(user.Id, session));
                return Results.Ok(UserStore.ToDto(user, await users.TeamIdsAsync(user.Id, ct)));
            })
            .WithSummary("Sets the invited user's password from their link (once, before it expires) and signs them in.");

        app.MapPost(Routes.Invitations, async (InviteUserRequest request, HttpContext http, AccountLinks links, IOptions<WebhookOptions> webhooks, CancellationToken ct) =>
                (await links.InviteAsync(request, http.User.UserId(), webhooks.Value.PublicBase(http.Request), ct))
                .ToHttp(user => Results.Created($"{Routes.Users}/{user.Id}", user)))
            .WithTags("Agents")
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .WithSummary("Creates the agent and mails them a link to choose their password (needs Inbox:Mail).");
        return app;
    }
}
