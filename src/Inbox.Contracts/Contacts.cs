namespace Inbox.Contracts;

/// <summary>How an address is reached. Phones are E.164 and shared by SMS and WhatsApp.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<IdentityKind>))]
public enum IdentityKind { Phone, Email, Telegram, WebVisitor, External }

public sealed record ContactSummaryDto(long Id, string? Name, string? Email, string? Phone);

public sealed record ContactDto(
    long Id,
    string? Name,
    string? Email,
    string? Phone,
    string? Notes,
    IReadOnlyList<IdentityDto> Identities,
    long? ConversationId,
    DateTimeOffset CreatedAt)
{
    /// <summary>IANA time zones where the contact's phone numbers are (at most three; empty when none says), for the
    /// customer's local time beside the thread.</summary>
    public IReadOnlyList<string> TimeZones { get; init; } = [];
}

public sealed record IdentityDto(long Id, IdentityKind Kind, string Address, string? DisplayName, long? LastChannelId, DateTimeOffset? LastSeenAt)
{
    /// <summary>Since when a reply to this address failed because it cannot be reached (a customer who blocked the bot),
    /// and the channel's reason; cleared when the customer writes from it again.</summary>
    public DateTimeOffset? UnreachableAt { get; init; }

    public string? UnreachableReason { get; init; }
}

public sealed record UpdateContactRequest(string? Name, string? Email, string? Phone, string? Notes);

/// <summary>Moves the source contact's identities and messages into the target's thread; the source is removed.</summary>
public sealed record MergeContactsRequest(long SourceContactId);

/// <summary>What erasing a contact removed (the audit log keeps the same counts, nothing personal).</summary>
public sealed record ErasedDto(long ContactId, long? ConversationId, int Messages, int Identities, int Files);
