using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Inbox.Server.Agents;

/// <summary>
/// A console cookie is only a pointer to its server-side session: every request reads the session with its user, so
/// logout, "sign out everywhere", a new password, a disabled user or a new role take effect on the very next request,
/// on every node, and a copied cookie dies with its session.
/// </summary>
public static class CookieSessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal!;
        var sessionId = principal.SessionId();
        _ = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var userId);
        var user = sessionId is null ? null
            : await services.GetRequiredService<SessionStore>().FindUserAsync(sessionId, services.GetRequiredService<TimeProvider>().GetUtcNow(), context.HttpContext.RequestAborted);
        if (user is null || user.Id != userId)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthExtensions.CookieScheme);
            return;
        }
        // This request sees the user as they are now; the cookie itself keeps only the user and session ids.
        context.ReplacePrincipal(AgentClaims.Create(user, AuthExtensions.CookieScheme, sessionId));
    }
}
