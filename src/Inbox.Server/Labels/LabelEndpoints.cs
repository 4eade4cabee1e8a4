using System.Text.RegularExpressions;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Labels;

/// <summary>Every agent reads the labels; admins define them. Applying one to a conversation is a conversation command.</summary>
public static partial class LabelEndpoints
{
    public const int MaxNameLength = 40;

    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Labels).WithTags("Labels").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        group.MapGet("", (LabelStore store, CancellationToken ct) => store.ListAsync(ct));
        group.MapPost("", async (SaveLabelRequest request, LabelStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (Problem(request) is { } problem) return problem;
            return await store.CreateAsync(request.Name.Trim(), request.Colour.ToLowerInvariant(), time.GetUtcNow(), ct) is { } label
                ? Results.Created(Routes.Label(label.Id), label)
                : ApiProblems.Conflict($"There is already a label '{request.Name.Trim()}'.");
        }).RequireAuthorization(AuthExtensions.AdminPolicy);
        group.MapPut("/{id:long}", async (long id, SaveLabelRequest request, LabelStore store, CancellationToken ct) =>
        {
            if (Problem(request) is { } problem) return problem;
            var (label, taken) = await store.UpdateAsync(id, request.Name.Trim(), request.Colour.ToLowerInvariant(), ct);
            return label is not null ? Results.Ok(label)
                : taken ? ApiProblems.Conflict($"There is already a label '{request.Name.Trim()}'.") : ApiProblems.NotFound("Label");
        }).RequireAuthorization(AuthExtensions.AdminPolicy);
        group.MapDelete("/{id:long}", async (long id, LabelStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound("Label"))
            .RequireAuthorization(AuthExtensions.AdminPolicy);
        return app;
    }

    private static IResult? Problem(SaveLabelRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
            errors["name"] = [$"A name of 1 to {MaxNameLength} characters is required."];
        if (request.Colour is null || !Colour().IsMatch(request.Colour)) errors["colour"] = ["The colour is #RRGGBB, e.g. #1e88e5."];
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : null;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
