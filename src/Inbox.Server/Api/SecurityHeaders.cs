namespace Inbox.Server.Api;

/// <summary>Headers every answer carries: no framing of the console (clickjacking), no MIME sniffing, no
/// referrer leaking conversation URLs to other sites.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseInboxSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers["Referrer-Policy"] = "same-origin";
        return next(http);
    });
}
