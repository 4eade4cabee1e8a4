namespace Inbox.Contracts;

/// <summary>An admin-defined label; Colour is #RRGGBB.</summary>
public sealed record LabelDto(long Id, string Name, string Colour);

public sealed record SaveLabelRequest(string Name, string Colour);

/// <summary>A reply kept for reuse, typed as <c>/shortcut</c> in the composer. Shared ones (OwnerId null) are the admins';
/// personal ones belong to one agent. Text per language; variables such as <c>{{contact.name}}</c> are filled in the console.</summary>
public sealed record CannedResponseDto(long Id, long? OwnerId, string Shortcut, string Title, string? TextEn, string? TextEs);

/// <summary>Shared true makes an admin's shared response; otherwise it is the caller's own.</summary>
public sealed record SaveCannedResponseRequest(string Shortcut, string Title, string? TextEn, string? TextEs, bool Shared = false);

/// <summary>What a bulk request does to every conversation it names.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<BulkAction>))]
public enum BulkAction { Assign, AddLabel, RemoveLabel, Resolve, Reopen, SetPriority }

/// <summary>One action on several conversations (at most 100). Assign uses AssigneeId/TeamId (null clears), the label
/// actions LabelId, SetPriority Priority.</summary>
public sealed record BulkRequest(IReadOnlyList<long> ConversationIds, BulkAction Action, long? AssigneeId = null, long? TeamId = null,
    long? LabelId = null, ConversationPriority? Priority = null);

/// <summary>Per conversation: Status is the HTTP status its single request would have had; Error why not (null when done).</summary>
public sealed record BulkItemResult(long ConversationId, int Status, string? Error, ConversationDto? Conversation);

public sealed record BulkResultDto(IReadOnlyList<BulkItemResult> Results)
{
    public int Succeeded => Results.Count(r => r.Error is null);
}

/// <summary>What put something in an agent's bell.</summary>
public static class NotificationKinds
{
    /// <summary>Someone @mentioned the agent in a private note (MessageId and Text are the note's).</summary>
    public const string Mention = "mention";

    /// <summary>Someone else assigned the conversation to the agent.</summary>
    public const string Assigned = "assigned";
}

/// <summary>One entry of an agent's bell. Ids increase, so the console remembers the newest it has shown as seen.
/// Actor: who mentioned or assigned; Text: the start of the note (mentions only).</summary>
public sealed record NotificationDto(long Id, string Kind, long ConversationId, long? ActorId, string? ActorName, string? Text, string? ContactName,
    DateTimeOffset CreatedAt, long? MessageId = null);
