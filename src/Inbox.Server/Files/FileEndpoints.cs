using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Files;

public static class FileEndpoints
{
    /// <summary>Agents upload files for a reply, and download a conversation's attachments when they may see the conversation.</summary>
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Files").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        // Cookie calls are checked by CookieAntiforgeryFilter like every other POST; the framework's own form check would
        // need its middleware and would refuse bearer-token clients.
        group.MapPost(Routes.Files, async (IFormFile? file, Viewer viewer, IFileStore store, AttachmentStore attachments,
            IOptions<FilesOptions> options, TimeProvider time, CancellationToken ct) =>
        {
            if (file is null) return ApiProblems.Invalid("file", "Send the file as multipart/form-data in a field named 'file'.");
            var max = options.Value.MaxUploadBytes;
            if (file.Length > max) return ApiProblems.Invalid("file", $"The file is larger than {max} bytes.");
            await using var content = file.OpenReadStream();
            if (await store.PutAsync(content, max, ct) is not { } stored) return ApiProblems.Invalid("file", $"The file is larger than {max} bytes.");
            var upload = new StoredAttachment(FileNames.Clean(file.FileName), ContentSniffer.Decide(stored.Head, file.ContentType), stored.Size, stored.Key);
            var id = await attachments.InsertUploadAsync(viewer.UserId, upload, time.GetUtcNow(), ct);
            return Results.Created($"{Routes.Files}/{id}", new UploadDto(id, upload.FileName, upload.ContentType, upload.Size));
        }).DisableAntiforgery();

        group.MapGet("/api/attachments/{id:long}", async (long id, Viewer viewer, AttachmentStore attachments, IFileStore store, HttpContext http, CancellationToken ct) =>
        {
            // Not visible and not there answer alike, so ids reveal nothing about other teams' conversations.
            if (await attachments.FindAsync(id, ct) is not { } attachment || !viewer.CanSee(attachment.TeamId)) return ApiProblems.NotFound("Attachment");
            if (await store.OpenAsync(attachment.StorageKey, ct) is not { } content) return ApiProblems.NotFound("Attachment");
            return AttachmentDownloads.Serve(http.Response, attachment.FileName, attachment.ContentType, content);
        });

        return app;
    }
}
