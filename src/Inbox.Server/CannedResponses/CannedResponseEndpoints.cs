using System.Text.RegularExpressions;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.CannedResponses;

/// <summary>
/// Shared canned responses are managed by admins, personal ones by their owner alone (another agent's are out of sight:
/// 404). Everyone lists the shared ones and their own.
/// </summary>
public static partial class CannedResponseEndpoints
{
    public const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapCannedResponsesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.CannedResponses).WithTags("Canned responses").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        group.MapGet("", (Viewer viewer, CannedResponseStore store, CancellationToken ct) => store.ListForAsync(viewer.UserId, ct));

        group.MapPost("", async (SaveCannedResponseRequest request, Viewer viewer, CannedResponseStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (request.Shared && !viewer.IsAdmin) return ApiProblems.Forbidden("Only admins manage shared canned responses.");
            if (Validate(request, out var text) is { } problem) return problem;
            return await store.CreateAsync(request.Shared ? null : viewer.UserId, text, time.GetUtcNow(), ct) is { } created
                ? Results.Created(Routes.CannedResponse(created.Id), created)
                : ApiProblems.Conflict($"The shortcut /{text.Shortcut} is already in use.");
        });

        group.MapPut("/{id:long}", async (long id, SaveCannedResponseRequest request, Viewer viewer, CannedResponseStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (await EditableAsync(id, viewer, store, ct) is { } refused) return refused;
            if (Validate(request, out var text) is { } problem) return problem;
            if (!await store.UpdateAsync(id, text, time.GetUtcNow(), ct)) return ApiProblems.Conflict($"The shortcut /{text.Shortcut} is already in use.");
            return Results.Ok(await store.GetAsync(id, ct));
        });

        group.MapDelete("/{id:long}", async (long id, Viewer viewer, CannedResponseStore store, CancellationToken ct) =>
        {
            if (await EditableAsync(id, viewer, store, ct) is { } refused) return refused;
            await store.DeleteAsync(id, ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>Null when the viewer may change it: theirs, or shared and they are an admin.</summary>
    private static async Task<IResult?> EditableAsync(long id, Viewer viewer, CannedResponseStore store, CancellationToken ct)
    {
        var existing = await store.GetAsync(id, ct);
        if (existing is null || (existing.OwnerId is { } owner && owner != viewer.UserId)) return ApiProblems.NotFound("Canned response");
        return existing.OwnerId is null && !viewer.IsAdmin ? ApiProblems.Forbidden("Only admins manage shared canned responses.") : null;
    }

    private static IResult? Validate(SaveCannedResponseRequest request, out CannedText text)
    {
        var errors = new Dictionary<string, string[]>();
        var shortcut = request.Shortcut?.Trim().TrimStart('/').ToLowerInvariant() ?? "";
        if (!Shortcut().IsMatch(shortcut)) errors["shortcut"] = ["A shortcut is 1 to 32 letters, digits, '-' or '_' (typed as /shortcut)."];
        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > 80) errors["title"] = ["A title of 1 to 80 characters is required."];
        var en = string.IsNullOrWhiteSpace(request.TextEn) ? null : request.TextEn.Trim();
        var es = string.IsNullOrWhiteSpace(request.TextEs) ? null : request.TextEs.Trim();
        if (en is null && es is null) errors["textEn"] = ["Write the text in English, Spanish or both."];
        if (en?.Length > MaxTextLength) errors["textEn"] = [$"The text is longer than {MaxTextLength} characters."];
        if (es?.Length > MaxTextLength) errors["textEs"] = [$"The text is longer than {MaxTextLength} characters."];
        text = new CannedText(shortcut, title, en, es);
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : null;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex Shortcut();
}
