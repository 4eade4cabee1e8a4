using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Inbox.Server.Agents;

/// <summary>
/// A console session follows its user: within a minute of an admin disabling an agent or changing their role,
/// the agent's cookie stops working or carries the new role, instead of living on for its 14 days.
/// </summary>
public static class CookieSessionValidator
{
    public const string CheckedAtClaim = "inbox:checked_at";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal!;
        if (long.TryParse(principal.FindFirstValue(CheckedAtClaim), CultureInfo.InvariantCulture, out var checkedAt)
            && now - DateTimeOffset.FromUnixTimeSeconds(checkedAt) < Interval) return;

        var user = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? await services.GetRequiredService<UserStore>().GetAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthExtensions.CookieScheme);
            return;
        }
        context.ReplacePrincipal(AgentClaims.Create(user, AuthExtensions.CookieScheme, now));
        context.ShouldRenew = true;
    }
}
