namespace Inbox.Connectors.Api;

/// <summary>What an API channel's webhook receives for each agent reply (JSON, camelCase).</summary>
public sealed record ApiWebhookPayload(
    string Event,
    long MessageId,
    long ConversationId,
    long ContactId,
    string IdempotencyKey,
    ApiWebhookRecipient To,
    string Text,
    string? AuthorName,
    DateTimeOffset CreatedAt);

/// <summary>Kind is phone, email or external; external ids come back exactly as the integrator sent them.</summary>
public sealed record ApiWebhookRecipient(string Kind, string Address);
