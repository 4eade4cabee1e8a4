using System.Globalization;
using System.Security.Claims;
using Inbox.Contracts;

namespace Inbox.Server.Agents;

/// <summary>The signed-in agent as the API sees it: built from our own claims, never from client input.</summary>
public static class AgentClaims
{
    /// <summary>The server-side session (<see cref="SessionStore"/>) a console cookie belongs to.</summary>
    public const string SessionClaim = "inbox:session";

    /// <summary>The API token a bearer call was authorised by.</summary>
    public const string TokenClaim = "inbox:token";

    public static ClaimsPrincipal Create(User user, string authenticationType, string? sessionId = null, long? tokenId = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
        ];
        if (sessionId is not null) claims.Add(new(SessionClaim, sessionId));
        if (tokenId is { } token) claims.Add(new(TokenClaim, token.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>What a cookie stores: who, and which session. Name and role are read from the database on every request.</summary>
    public static ClaimsPrincipal ForCookie(long userId, string sessionId) =>
        new(new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)), new(SessionClaim, sessionId)],
            AuthExtensions.CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static long UserId(this ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in"), CultureInfo.InvariantCulture);

    public static string? SessionId(this ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim);

    public static long? TokenId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(TokenClaim), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(Roles.Admin);
}
