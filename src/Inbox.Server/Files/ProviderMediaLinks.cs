using Inbox.Server.Api;
using Inbox.Server.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Files;

/// <summary>
/// Links a provider fetches a reply's file from by itself (Twilio's MediaUrl): <c>{PublicBaseUrl}/media/{token}</c>, where
/// the token is the file's storage key, type and name sealed with Data Protection and valid for <see cref="Lifetime"/>.
/// Nothing to guess or enumerate, no session needed, no other file reachable; none without a public base URL.
/// </summary>
public sealed class ProviderMediaLinks(IDataProtectionProvider protection, IOptions<WebhookOptions> webhooks)
{
    public const string Prefix = "/media";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Inbox.ProviderMedia.v1").ToTimeLimitedDataProtector();

    public Uri? LinkFor(StoredAttachment file)
    {
        if (string.IsNullOrWhiteSpace(webhooks.Value.PublicBaseUrl)) return null;
        var token = _protector.Protect(string.Join('\n', file.StorageKey, file.ContentType, file.FileName), Lifetime);
        return new Uri($"{webhooks.Value.PublicBaseUrl.TrimEnd('/')}{Prefix}/{token}");
    }

    /// <summary>The file a token names, or null when it is altered, expired or not ours.</summary>
    public StoredAttachment? Resolve(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token, out _).Split('\n', 3);
            return parts.Length == 3 ? new StoredAttachment(parts[2], parts[1], 0, parts[0]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static IEndpointRouteBuilder MapProviderMedia(IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/{token}", async (string token, ProviderMediaLinks links, IFileStore store, HttpContext http, CancellationToken ct) =>
            {
                if (token.Length > 2048 || links.Resolve(token) is not { } file || await store.OpenAsync(file.StorageKey, ct) is not { } content)
                    return ApiProblems.NotFound("File");
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
                return Results.File(content, file.ContentType, file.FileName);
            })
            .WithTags("Files")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Webhooks)
            .WithSummary("A reply's file, for the provider that delivers it (the link is sealed and expires).");
        return app;
    }
}
