using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Agents;

/// <summary>"Authorization: Bearer inbox_pat_…" for integrations; a hub's access_token query parameter
/// arrives here as that header (<see cref="Hubs.HubAccessToken"/>).</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiTokenStore tokens, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerToken(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        var owner = await tokens.FindUserAsync(secret, time.GetUtcNow(), Context.RequestAborted);
        if (owner is not { } found)
        {
            Logger.LogInformation("Rejected an unknown or revoked API token from {RemoteIp}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Invalid API token");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(AgentClaims.Create(found.User, SchemeName, tokenId: found.TokenId), SchemeName));
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return null;
    }
}
