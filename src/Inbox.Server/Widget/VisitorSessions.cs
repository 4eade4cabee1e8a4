using Inbox.Connectors.Abstractions;
using Inbox.Connectors.WebChat;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Data;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Widget;

/// <summary>
/// What a visitor can do over HTTP: start or resume a session, read its own thread, write into it (through the same
/// inbound writer as every channel) and say who it is. A token reaches exactly one visitor, and a visitor only the
/// thread of the contact that owns its identity.
/// </summary>
public sealed partial class VisitorSessions(
    VisitorStore visitors,
    ChannelInputWriter writer,
    IDbConnectionFactory db,
    ContactStore contacts,
    ContactCommands contactCommands,
    IdentityLinks links,
    Handoff.HandoffLinks handoffLinks,
    Handoff.EmailHandoffs emailHandoffs,
    Live.IInboxNotifier notifier,
    WidgetAvailability availability,
    VisitorFiles files,
    Files.AttachmentStore attachments,
    IOptions<WidgetOptions> options,
    TimeProvider time,
    ILogger<VisitorSessions> logger)
{
    public const string TokenPrefix = "inbox_wv_";
    public const int HistoryLimit = 100;

    public async Task<WidgetSessionDto> StartAsync(WidgetChannel channel, WidgetSessionRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (request.Token is { Length: > 0 and <= 200 } token && await visitors.FindByTokenAsync(channel.Id, IssuedSecrets.Hash(token), ct) is { } known)
        {
            if (now - known.LastSeenAt > TimeSpan.FromHours(1)) await visitors.TouchAsync(known.Id, now, ct);
            return new WidgetSessionDto(known.Id, null, true, await SessionConfigAsync(channel, known, ct), known.User);
        }
        var visitor = new Visitor { Id = Guid.NewGuid().ToString("N"), ChannelId = channel.Id, CreatedAt = now, LastSeenAt = now };
        var issued = IssuedSecrets.New(TokenPrefix);
        await visitors.CreateAsync(visitor, IssuedSecrets.Hash(issued), ct);
        LogStarted(channel.Id);
        return new WidgetSessionDto(visitor.Id, issued, false, await SessionConfigAsync(channel, visitor, ct), null);
    }

    /// <summary>What the widget shows at start: where the visitor can continue, and the address its replies also go to.</summary>
    private async Task<WidgetConfigDto> SessionConfigAsync(WidgetChannel channel, Visitor visitor, CancellationToken ct) => Config(channel, visitor) with
    {
        Handoffs = await handoffLinks.OptionsAsync(ct),
        EmailHandoff = await emailHandoffs.SenderAsync(ct) is not null,
        VerifiedEmail = visitor.Email is null ? null : await emailHandoffs.VerifiedEmailAsync(visitor.Id, ct),
    };

    public async Task<Visitor?> AuthenticateAsync(WidgetChannel channel, string? token, CancellationToken ct) =>
        token is { Length: > 0 and <= 200 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            ? await visitors.FindByTokenAsync(channel.Id, IssuedSecrets.Hash(token), ct)
            : null;

    public WidgetConfigDto Config(WidgetChannel channel, Visitor visitor) => new(
        channel.Channel.Name, channel.Settings.BrandColor, channel.Settings.Greeting, availability.IsOnline(channel),
        channel.Settings.SneakPeek, visitor.Email)
    {
        PreChat = channel.Settings.PreChat && visitor.Name is null,
        MaxFileBytes = files.MaxBytes,
    };

    public Task<IReadOnlyList<WidgetMessageDto>> HistoryAsync(Visitor visitor, long afterId, CancellationToken ct) =>
        visitors.HistoryAsync(visitor.Id, Math.Max(0, afterId), HistoryLimit, ct);

    public async Task<Outcome<WidgetMessageDto>> SendAsync(WidgetChannel channel, Visitor visitor, WidgetSendRequest request, CancellationToken ct)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0 && request.Files is not { Count: > 0 }) return Outcome<WidgetMessageDto>.Invalid("text", "Write something first.");
        var max = Math.Min(options.Value.MaxTextLength, channel.Context.MaxTextLength);
        if (text.Length > max) return Outcome<WidgetMessageDto>.Invalid("text", $"At most {max} characters.");
        if (request.ClientId is { } id && (id.Length > 64 || !id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')))
            return Outcome<WidgetMessageDto>.Invalid("clientId", "At most 64 letters, digits, '-' or '_'.");

        var attached = await files.AttachmentsAsync(visitor, request.Files, ct);
        if (attached.Value is not { } uploads) return new Outcome<WidgetMessageDto>(null, attached.Error, attached.Field, attached.Message);

        var now = time.GetUtcNow();
        var message = new InboundMessage(channel.Id, $"{visitor.Id}:{request.ClientId ?? Guid.NewGuid().ToString("N")}",
            ChannelAddress.WebVisitor(Guid.ParseExact(visitor.Id, "N")), visitor.Name, text, now) { Attachments = uploads };
        var receipt = (await writer.WriteAsync(new ChannelInput { Messages = [message] }, null, ct))[0];
        var stored = uploads.Count == 0 ? [] : (await attachments.OfMessagesAsync([receipt.MessageId], ct))[receipt.MessageId].ToList();
        return Outcome<WidgetMessageDto>.Ok(new WidgetMessageDto(receipt.MessageId, WidgetAuthor.Visitor, text, null, now) { Attachments = stored });
    }

    /// <summary>
    /// <c>Inbox.setUser</c>. With a hash that verifies (HMAC-SHA256 of the id, or of the email when there is no id), the
    /// visitor joins the known contact: its thread is the visitor's from now on, on every device that verifies. Without a
    /// hash the name and email are only remembered on the visitor (an email never merges: it would hand a stranger the
    /// history of whoever owns that address). A hash that does not verify changes nothing (403).
    /// </summary>
    public async Task<Outcome<WidgetUserDto>> IdentifyAsync(WidgetChannel channel, Visitor visitor, WidgetIdentifyRequest request, CancellationToken ct)
    {
        var name = ContactStore.Clip(request.Name, 200);
        var email = request.Email is { Length: > 0 } raw ? ChannelAddress.TryEmail(raw, out var parsed) ? parsed : null : null;
        if (request.Email is { Length: > 0 } && email is null) return Outcome<WidgetUserDto>.Invalid("email", "Not an email address.");
        var id = request.Id?.Trim();
        if (id is { Length: > 200 }) return Outcome<WidgetUserDto>.Invalid("id", "At most 200 characters.");

        if (string.IsNullOrEmpty(request.Hash))
        {
            await visitors.SetUserAsync(visitor.Id, name, email?.Value, null, ct);
            return Outcome<WidgetUserDto>.Ok(new WidgetUserDto(name ?? visitor.Name, email?.Value ?? visitor.Email, visitor.VerifiedId is not null));
        }

        var signed = string.IsNullOrEmpty(id) ? email?.Value : id;
        if (signed is null) return Outcome<WidgetUserDto>.Invalid("id", "An identity hash signs an id (or an email when there is no id).");
        if (!WebChatSettings.Verifies(channel.Context, time.GetUtcNow(), signed, request.Hash))
        {
            LogForged(channel.Id);
            return Outcome<WidgetUserDto>.Forbidden("The identity hash does not match.");
        }
        ChannelAddress known = string.IsNullOrEmpty(id) ? email! : ChannelAddress.TryExternal(channel.Id, id, out var external) ? external : email!;
        await JoinKnownContactAsync(channel.Id, visitor.Id, known, name, ct);
        await visitors.SetUserAsync(visitor.Id, name, email?.Value, signed, ct);
        LogVerified(channel.Id);
        return Outcome<WidgetUserDto>.Ok(new WidgetUserDto(name ?? visitor.Name, email?.Value ?? visitor.Email, true));
    }

    public async Task SetOfflineEmailAsync(Visitor visitor, ChannelAddress email, CancellationToken ct) =>
        await visitors.SetUserAsync(visitor.Id, null, email.Value, null, ct);

    public Task ResetAsync(Visitor visitor, CancellationToken ct) => visitors.ForgetAsync(visitor.Id, ct);

    /// <summary>The visitor's identity ends up on the contact reached at <paramref name="known"/>, creating what is missing;
    /// a visitor that already wrote under its own contact is merged into the known one (its thread moves along).</summary>
    private async Task JoinKnownContactAsync(long channelId, string visitorId, ChannelAddress known, string? name, CancellationToken ct)
    {
        var mine = ChannelAddress.WebVisitor(Guid.ParseExact(visitorId, "N"));
        var now = time.GetUtcNow();
        var live = new List<Live.LiveEvent>();
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var knownIdentity = await contacts.FindIdentityAsync(c, tx, known, ct);
            var visitorIdentity = await contacts.FindIdentityAsync(c, tx, mine, ct);
            if (knownIdentity is null && visitorIdentity is null)
            {
                var created = await contacts.CreateWithIdentityAsync(c, tx, known, name, channelId, now, ct);
                var joined = await contacts.InsertIdentityAsync(c, tx, created.ContactId, mine, name, channelId, now, ct);
                await links.LinkAsync(c, tx, created.ContactId, joined, mine.Kind, IdentityLinkReasons.VerifiedWidgetIdentity, channelId, now, live, ct);
            }
            else if (knownIdentity is null)
                await contacts.InsertIdentityAsync(c, tx, visitorIdentity!.ContactId, known, name, channelId, now, ct);
            else if (visitorIdentity is null)
            {
                var added = await contacts.InsertIdentityAsync(c, tx, knownIdentity.ContactId, mine, name, channelId, now, ct);
                await links.LinkAsync(c, tx, knownIdentity.ContactId, added, mine.Kind, IdentityLinkReasons.VerifiedWidgetIdentity, channelId, now, live, ct);
            }
            else if (knownIdentity.ContactId != visitorIdentity.ContactId)
            {
                await contactCommands.MergeWithinAsync(c, tx, knownIdentity.ContactId, visitorIdentity.ContactId, null, now, live, ct);
                await links.LinkAsync(c, tx, knownIdentity.ContactId, visitorIdentity.IdentityId, mine.Kind, IdentityLinkReasons.VerifiedWidgetIdentity, channelId, now, live, ct);
            }
            await tx.CommitAsync(ct);
        }
        if (live.Count > 0) await notifier.PublishAsync(live, ct);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A visitor session started on channel {ChannelId}")]
    private partial void LogStarted(long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A visitor's identity was verified on channel {ChannelId}")]
    private partial void LogVerified(long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an identity hash that does not match on channel {ChannelId}")]
    private partial void LogForged(long channelId);
}
