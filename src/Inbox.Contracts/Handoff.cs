namespace Inbox.Contracts;

/// <summary>Continuing a conversation on another channel, and the links that joined a customer's identities.</summary>
public static class HandoffRoutes
{
    /// <summary>Widget: the visitor asks for a link to continue on another channel (POST <see cref="HandoffRequest"/>).</summary>
    public static string WidgetHandoff(string key) => $"/api/widget/{key}/handoff";
    /// <summary>Agents: a link the agent sends the customer to continue on another channel.</summary>
    public static string ConversationHandoff(long conversationId) => $"/api/conversations/{conversationId}/handoff";
    /// <summary>Agents: the channels the customer can be answered on now, the default first.</summary>
    public static string ConversationReachability(long conversationId) => $"/api/conversations/{conversationId}/reachability";
    /// <summary>Agents: why each identity belongs to the contact (GET).</summary>
    public static string ContactLinks(long contactId) => $"/api/contacts/{contactId}/links";
    /// <summary>Agents: undo a wrong link, moving the identity and its messages into a contact of its own (POST).</summary>
    public static string IdentitySplit(long contactId, long identityId) => $"/api/contacts/{contactId}/identities/{identityId}/split";
    /// <summary>Widget: "Send me replies by email", mails a verification link to the address (POST <see cref="EmailHandoffRequest"/>).</summary>
    public static string WidgetEmailHandoff(string key) => $"/api/widget/{key}/email-handoff";
    /// <summary>The page the verification link opens (its token after <c>#token=</c>); the page posts it back to confirm.</summary>
    public const string EmailConfirmPage = "/continue-by-email";
}

/// <summary>Why an identity was joined to a contact without an agent typing it.</summary>
public static class IdentityLinkReasons
{
    /// <summary>The customer sent a hand-off code issued to the contact (Telegram /start, WhatsApp or SMS text).</summary>
    public const string HandoffCode = "handoffCode";
    /// <summary>Telegram vouched the user shared their own phone.</summary>
    public const string TelegramSharedContact = "telegramSharedContact";
    /// <summary>The site signed the widget visitor's identity (identity hash).</summary>
    public const string VerifiedWidgetIdentity = "verifiedWidgetIdentity";
    /// <summary>Older records only: the widget visitor typed this address for answers while offline, unverified. Nothing
    /// links an unverified address any more (<see cref="VerifiedEmail"/> replaced it).</summary>
    public const string OfflineEmail = "offlineEmail";
    /// <summary>The widget visitor asked for replies by email and opened the link mailed to this address.</summary>
    public const string VerifiedEmail = "verifiedEmail";
}

/// <summary>Which channel to continue on (one of the site's Telegram, WhatsApp or SMS channels).</summary>
public sealed record HandoffRequest(long ChannelId);

/// <summary>A one-time code and the link that carries it (t.me/bot?start=code, wa.me/number?text=…), valid until ExpiresAt.</summary>
public sealed record HandoffOfferDto(long ChannelId, string ChannelType, string Code, string Url, DateTimeOffset ExpiresAt);

/// <summary>"Send me replies by email": the address to verify, and the widget's language for the mail and its page.</summary>
public sealed record EmailHandoffRequest(string? Email, string? Language = null);

/// <summary>The verification link was mailed to Email; it works once, until ExpiresAt. Nothing is linked before it is opened.</summary>
public sealed record EmailHandoffDto(string Email, DateTimeOffset ExpiresAt);

/// <summary>A channel a visitor may continue on, as the widget shows it.</summary>
public sealed record HandoffOptionDto(long ChannelId, string ChannelType, string Name);

public sealed record IdentityLinkDto(long Id, long IdentityId, IdentityKind Kind, string Address, string Reason, long? ChannelId,
    DateTimeOffset CreatedAt, DateTimeOffset? UndoneAt);

/// <summary>The contact split off: the identity, its messages and a thread of its own.</summary>
public sealed record SplitDto(ContactDto Contact, long? ConversationId, int MovedMessages);

/// <summary>Where a reply can go now: one entry per channel of the customer's identities, the one they last wrote on first.</summary>
public sealed record ReachabilityDto(IReadOnlyList<ReachableChannelDto> Channels);

/// <summary>Why a channel cannot deliver a reply now (<see cref="ReachableChannelDto.Warning"/>).</summary>
public static class ReachabilityWarnings
{
    /// <summary>WhatsApp's 24-hour window is closed: only an approved template.</summary>
    public const string TemplateNeeded = "templateNeeded";
    /// <summary>The last reply failed as unreachable (Telegram: the customer blocked the bot).</summary>
    public const string Blocked = "blocked";
    /// <summary>The widget visitor left; they see the reply when they come back.</summary>
    public const string VisitorOffline = "visitorOffline";
    /// <summary>The widget visitor left and verified an email: the reply also goes there.</summary>
    public const string VisitorOfflineEmail = "visitorOfflineEmail";
}

/// <summary><see cref="Warning"/> is null when the channel can deliver now; otherwise one of <see cref="ReachabilityWarnings"/>.</summary>
public sealed record ReachableChannelDto(long ChannelId, string ChannelType, string ChannelName, long IdentityId, string Address, bool IsDefault, string? Warning);
