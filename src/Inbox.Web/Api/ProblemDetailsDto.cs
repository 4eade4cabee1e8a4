namespace Inbox.Web.Api;

/// <summary>RFC 7807 problem body as the server sends it for 4xx (a local copy; the contract has none).</summary>
public sealed record ProblemDetailsDto(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    Dictionary<string, string[]>? Errors);
