namespace Inbox.Contracts;

/// <summary>The website chat widget's HTTP surface and hub. <c>{key}</c> is the channel's public key from its script tag.</summary>
public static class WidgetRoutes
{
    public const string Hub = "/hubs/widget";
    public const string Script = "/widget.js";
    public const string Demo = "/widget-demo";
    /// <summary>Header carrying the visitor's token on the widget's HTTP calls (never in a URL).</summary>
    public const string VisitorHeader = "X-Inbox-Visitor";
    public static string Sessions(string key) => $"/api/widget/{key}/sessions";
    public static string Messages(string key) => $"/api/widget/{key}/messages";
    public static string Identify(string key) => $"/api/widget/{key}/identify";
    public static string OfflineEmail(string key) => $"/api/widget/{key}/email";
    /// <summary>The visitor uploads a file (multipart, field <c>file</c>) to send with a message.</summary>
    public static string Files(string key) => $"/api/widget/{key}/files";
    /// <summary>A file of a message in the visitor's own thread.</summary>
    public static string Attachment(string key, long id) => $"/api/widget/{key}/attachments/{id}";
    /// <summary>Admins: the channel's key and the script tag to paste into the site.</summary>
    public static string Snippet(long channelId) => $"/api/channels/{channelId}/widget";
    /// <summary>Agents: who is on the sites now.</summary>
    public const string LiveVisitors = "/api/visitors";
    public static string Invite(string visitorId) => $"/api/visitors/{visitorId}/invite";
}

/// <summary>What a site pastes: <c>&lt;script src="{server}/widget.js" data-channel="{key}" async&gt;&lt;/script&gt;</c>.</summary>
public sealed record WidgetSnippetDto(string Key, string ScriptTag);

/// <summary>Creates a visitor session, or resumes the one whose token is given.</summary>
public sealed record WidgetSessionRequest(string? Token, string? Language = null);

/// <summary>Token is returned only when a new session was made (keep it; it is never shown again).</summary>
public sealed record WidgetSessionDto(string VisitorId, string? Token, bool Returning, WidgetConfigDto Config, WidgetUserDto? User);

public sealed record WidgetConfigDto(string ChannelName, string BrandColor, string? Greeting, bool Online, bool SneakPeek, string? OfflineEmail)
{
    /// <summary>The site's other channels the visitor may continue on ("Continue on Telegram").</summary>
    public IReadOnlyList<HandoffOptionDto> Handoffs { get; init; } = [];

    /// <summary>The site can mail a verification link ("Send me replies by email"): an email channel that sends, and a public URL.</summary>
    public bool EmailHandoff { get; init; }

    /// <summary>Ask this visitor's name (and, optionally, an email) before their first message: the channel wants it and
    /// the visitor has not said it yet.</summary>
    public bool PreChat { get; init; }

    /// <summary>The address this visitor verified: replies reach it by email while the visitor is away.</summary>
    public string? VerifiedEmail { get; init; }

    /// <summary>Largest file the visitor may send, in bytes (0: the site takes no files).</summary>
    public long MaxFileBytes { get; init; }
}

/// <summary>Who the visitor is as far as we know: Verified only after a valid identity hash.</summary>
public sealed record WidgetUserDto(string? Name, string? Email, bool Verified);

/// <summary><c>Inbox.setUser</c>: Hash is the site's HMAC-SHA256 (hex) of Id (or of Email when there is no Id) with the channel's identity secret.</summary>
public sealed record WidgetIdentifyRequest(string? Id, string? Email, string? Name, string? Hash);

/// <summary>ClientId makes a retry of the same send harmless (one message). Files are the <see cref="WidgetUploadDto.Id"/>s
/// of this visitor's own uploads; with files the text may be empty.</summary>
public sealed record WidgetSendRequest(string? Text, string? ClientId, IReadOnlyList<string>? Files = null);

/// <summary>A file the visitor uploaded, not yet sent. Id is an opaque reference that only this visitor can send, for an hour.</summary>
public sealed record WidgetUploadDto(string Id, string FileName, string ContentType, long Size);

public sealed record WidgetEmailRequest(string? Email);

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<WidgetAuthor>))]
public enum WidgetAuthor { Visitor, Agent }

/// <summary>A message as the visitor sees it: its text (rendered as text), the agent's name, never private notes. Its
/// attachments download from <see cref="WidgetRoutes.Attachment"/>.</summary>
public sealed record WidgetMessageDto(long Id, WidgetAuthor From, string Text, string? AgentName, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];
}

public sealed record WidgetHistoryDto(IReadOnlyList<WidgetMessageDto> Messages);

public sealed record PageViewDto(string Url, string? Title, string? Referrer);

/// <summary>Server → widget calls on WidgetHub.</summary>
public interface IWidgetClient
{
    Task Message(WidgetMessageDto message);
    /// <summary>An agent started the chat: the widget opens with this message.</summary>
    Task Invitation(WidgetMessageDto message);
    Task AgentTyping(string? agentName, bool isTyping);
}

/// <summary>Widget → server calls on WidgetHub (path /hubs/widget?channel={key}). Start must come first.</summary>
public interface IWidgetHub
{
    /// <summary>Binds this connection to the visitor the token names; returns what arrived after <paramref name="afterMessageId"/>.</summary>
    Task<IReadOnlyList<WidgetMessageDto>> Start(string token, long afterMessageId, PageViewDto page);
    Task PageView(PageViewDto page);
    Task Typing(bool isTyping);
    /// <summary>The visitor's unsent text, shown to agents only when the channel has sneak peek on; never stored.</summary>
    Task Draft(string text);
    /// <summary>The widget showed this agent message: it is delivered.</summary>
    Task Ack(long messageId);
}

/// <summary>A website visitor on a site now, for the agents' live visitors list.</summary>
public sealed record LiveVisitorDto(
    string VisitorId,
    long ChannelId,
    string? Name,
    string? Email,
    bool Verified,
    bool Returning,
    long? ConversationId,
    PageViewDto? CurrentPage,
    IReadOnlyList<PageVisitDto> Pages,
    string? Referrer,
    DateTimeOffset OnSiteSince,
    DateTimeOffset FirstSeenAt);

public sealed record PageVisitDto(string Url, string? Title, DateTimeOffset At);

/// <summary>Sneak peek: what the visitor is typing now. Ephemeral.</summary>
public sealed record VisitorDraftDto(string VisitorId, long? ConversationId, string Text);

public sealed record InviteVisitorRequest(string Text);

/// <summary>Server → agent console calls about website visitors (on AgentHub, to every agent).</summary>
public interface IAgentVisitorClient
{
    Task VisitorUpdated(LiveVisitorDto visitor);
    Task VisitorLeft(string visitorId);
    Task VisitorDraft(VisitorDraftDto draft);
}
