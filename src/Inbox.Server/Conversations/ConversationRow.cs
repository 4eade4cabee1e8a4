namespace Inbox.Server.Conversations;

/// <summary>A <c>conversations</c> row as Dapper reads it.</summary>
public sealed class ConversationRow
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public string Status { get; set; } = "";
    public long? AssigneeId { get; set; }
    public long? TeamId { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public int UnreadCount { get; set; }
    public long? LastInboundIdentityId { get; set; }
    public long? LastChannelId { get; set; }
    public string? LastMessagePreview { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Priority { get; set; }
}
