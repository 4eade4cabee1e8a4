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
    public const string PasswordStampClaim = "inbox:password_stamp";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal!;
        // Live connections are re-checked every time they (re)connect: that is how a closed one learns its new rights.
        var connecting = context.HttpContext.Request.Path.StartsWithSegments("/hubs");
        if (!connecting && long.TryParse(principal.FindFirstValue(CheckedAtClaim), CultureInfo.InvariantCulture, out var checkedAt)
            && now - DateTimeOffset.FromUnixTimeSeconds(checkedAt) < Interval) return;

        var user = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? await services.GetRequiredService<UserStore>().GetAsync(id, context.HttpContext.RequestAborted)
            : null;
        // A new password (changed or reset by an admin) ends the sessions signed in with the old one.
        if (user is null || user.Disabled || principal.FindFirstValue(PasswordStampClaim) != PasswordStamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthExtensions.CookieScheme);
            return;
        }
        context.ReplacePrincipal(AgentClaims.Create(user, AuthExtensions.CookieScheme, now));
        context.ShouldRenew = true;
    }

    /// <summary>A fingerprint of the password hash: changes whenever the password does, reveals nothing of it.</summary>
    public static string PasswordStamp(User user) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.PasswordHash)))[..16];
}
