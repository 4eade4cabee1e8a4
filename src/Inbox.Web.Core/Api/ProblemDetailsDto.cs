namespace Inbox.Web.Api;

/// <summary>RFC 7807 problem body as the server sends it for 4xx (a local copy; the contract has none).
/// <see cref="MergedInto"/>: the contact or conversation asked for was merged into this one.</summary>
public sealed record ProblemDetailsDto(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    Dictionary<string, string[]>? Errors,
    long? MergedInto = null);
