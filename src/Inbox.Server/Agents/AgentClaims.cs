using System.Security.Claims;
using Inbox.Contracts;

namespace Inbox.Server.Agents;

/// <summary>The signed-in agent as the API sees it: built from our own claims, never from client input.</summary>
public static class AgentClaims
{
    /// <param name="checkedAt">When the user row was last read, for sessions that re-check it (cookies).</param>
    public static ClaimsPrincipal Create(User user, string authenticationType, DateTimeOffset? checkedAt = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
        ];
        if (checkedAt is { } at)
        {
            claims.Add(new(CookieSessionValidator.CheckedAtClaim, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            claims.Add(new(CookieSessionValidator.PasswordStampClaim, CookieSessionValidator.PasswordStamp(user)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static long UserId(this ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in"), System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(Roles.Admin);
}
