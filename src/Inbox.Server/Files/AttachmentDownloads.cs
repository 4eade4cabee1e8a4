using Microsoft.Net.Http.Headers;

namespace Inbox.Server.Files;

/// <summary>How a stored file is answered, to agents and to website visitors alike: PNG, JPEG, GIF and WebP inline (as
/// the image they are), everything else as a download; never sniffed, and sandboxed even when opened directly.</summary>
public static class AttachmentDownloads
{
    public static IResult Serve(HttpResponse response, string fileName, string contentType, Stream content)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Even opened directly, the response is a sandboxed document: no script, no same-origin access.
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'";
        headers.CacheControl = "private, max-age=3600";
        if (ContentSniffer.IsInlineImage(contentType))
        {
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = fileName }.ToString();
            return Results.Stream(content, contentType);
        }
        return Results.File(content, contentType, fileName);
    }
}
