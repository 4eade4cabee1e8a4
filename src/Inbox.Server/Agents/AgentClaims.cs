using System.Security.Claims;
using Inbox.Contracts;

namespace Inbox.Server.Agents;

/// <summary>The signed-in agent as the API sees it: built from our own claims, never from client input.</summary>
public static class AgentClaims
{
    public static ClaimsPrincipal Create(User user, string authenticationType) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.DisplayName),
        new Claim(ClaimTypes.Email, user.Email),
        new Claim(ClaimTypes.Role, user.Role),
    ], authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    public static long UserId(this ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in"), System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(Roles.Admin);
}
