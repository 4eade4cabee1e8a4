using Inbox.Contracts;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Small builders for DTOs used across tests.</summary>
public static class Fixtures
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static UserDto Agent(long id = 7, string name = "Ana Agent") =>
        new(id, $"agent{id}@example.com", name, Roles.Agent, [], false);

    public static UserDto Admin(long id = 1, string name = "Ada Admin") =>
        new(id, $"admin{id}@example.com", name, Roles.Admin, [], false);

    public static ChannelDto ApiChannel(long id, string name, bool enabled = true, string? webhookUrl = null) =>
        new(id, ChannelTypes.Api, name, enabled,
            webhookUrl is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["webhookUrl"] = webhookUrl },
            ["webhookSecret"], T0);

    /// <summary>The API channel type as the server describes it (GET /api/channel-types).</summary>
    public static ChannelTypeDto ApiChannelType() => new(ChannelTypes.Api, new("API (your own systems)", "API (tus propios sistemas)"), ["text"],
        [IdentityKind.Phone, IdentityKind.Email, IdentityKind.External],
    [
        new("webhookUrl", ChannelFieldKind.Url, new("Webhook URL", "URL del webhook"), false,
            new("Agent replies are POSTed here.", "Las respuestas se envían aquí por POST."), [], null, false, false, 2048),
        new("webhookSecret", ChannelFieldKind.Secret, new("Webhook secret", "Secreto del webhook"), false,
            new("Leave empty to have one generated.", "Déjalo vacío para generar uno."), [], null, true, true, 4096),
    ], IssuesInboundToken: true);

    public static ConversationDto Conversation(long id, string contactName, int unread = 0, long? assigneeId = null,
        ConversationStatus status = ConversationStatus.Open, DateTimeOffset? at = null, string? preview = "hello") =>
        new(id, new ContactSummaryDto(100 + id, contactName, null, null), status, assigneeId, assigneeId is null ? null : "Ana Agent",
            null, null, at ?? T0, unread, preview, 1, T0.AddDays(-1));

    public static MessageDto Inbound(long id, long conversationId, string text, DateTimeOffset? at = null, long identityId = 501) =>
        new(id, conversationId, MessageDirection.Inbound, false, text, MessageStatus.Received, null, 1, ChannelTypes.WhatsApp,
            identityId, "+34600000001", null, null, [], at ?? T0.AddMinutes(id));

    public static MessageDto Outbound(long id, long conversationId, string text, MessageStatus status = MessageStatus.Sent,
        string? error = null, bool isPrivate = false, DateTimeOffset? at = null) =>
        new(id, conversationId, MessageDirection.Outbound, isPrivate, text, isPrivate ? null : status, error,
            isPrivate ? null : 1, isPrivate ? null : ChannelTypes.WhatsApp, null, null, 7, "Ana Agent", [], at ?? T0.AddMinutes(id));

    public static ContactDto Contact(long id, string name, params IdentityDto[] identities) =>
        new(id, name, "maria@example.com", "+34600000001", null, identities, null, T0.AddDays(-30));

    public static IdentityDto Identity(long id, IdentityKind kind, string address, long? channelId = 1) =>
        new(id, kind, address, null, channelId, T0);
}
