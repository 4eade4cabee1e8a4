namespace Inbox.Contracts;

/// <summary>What GET /api/search looks through.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<SearchKind>))]
public enum SearchKind { Messages, Contacts }

/// <summary>A run of <see cref="SearchSnippetDto.Text"/> that matched: character offsets into that text.</summary>
public sealed record SearchRangeDto(int Start, int Length);

/// <summary>Plain text (customer text, never HTML) and the ranges to mark; clients render the text as text.</summary>
public sealed record SearchSnippetDto(string Text, IReadOnlyList<SearchRangeDto> Ranges);

/// <summary>A message that matched, with the thread it is in: open the conversation at <see cref="MessageId"/>.</summary>
public sealed record MessageHitDto(
    long MessageId, long ConversationId, long ContactId, string? ContactName, MessageDirection Direction, bool IsPrivate,
    long? ChannelId, DateTimeOffset CreatedAt, SearchSnippetDto Snippet);

/// <summary>A contact that matched; <see cref="Name"/> carries the ranges that matched the query, if any did.</summary>
public sealed record ContactHitDto(
    long Id, SearchSnippetDto? Name, string? Email, string? Phone, long? ConversationId, IReadOnlyList<IdentityKind> Kinds, DateTimeOffset CreatedAt);

/// <summary>One page of results, newest first; <see cref="NextCursor"/> fetches the next (older) page.</summary>
public sealed record SearchResultsDto(SearchKind Kind, IReadOnlyList<MessageHitDto> Messages, IReadOnlyList<ContactHitDto> Contacts, string? NextCursor);
