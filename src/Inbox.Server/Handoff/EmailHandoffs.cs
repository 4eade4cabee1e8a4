using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Inbox.Server.Widget;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Handoff;

/// <summary>
/// "Send me replies by email": a widget visitor gives an address, and the site's email channel mails it a one-time link.
/// Only opening that link (and pressing Confirm: mail scanners open links too) joins the address to the visitor's contact,
/// with a link record and an event in the thread; from then on replies to the visitor who has left also go there
/// (<see cref="OfflineEmailCopies"/>). Until then the address is nobody's identity, so a typed address never hands anyone
/// a thread. Once verified it is proof of the mailbox, like the site's identity hash: an address with its own history is
/// merged with the visitor, as the design allows for verified identities.
/// </summary>
public sealed partial class EmailHandoffs(
    IDbConnectionFactory db,
    EmailVerificationStore verifications,
    ChannelStore channelStore,
    ChannelConnectors connectors,
    ContactStore contacts,
    ContactCommands contactCommands,
    IdentityLinks identityLinks,
    VisitorStore visitors,
    IInboxNotifier notifier,
    IOptions<HandoffOptions> options,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time,
    ILogger<EmailHandoffs> logger)
{
    public const string TokenPrefix = "inbox_mail_";
    private (DateTimeOffset At, Channel? Sender)? _sender;

    /// <summary>The email channel that mails verification links: the oldest enabled one, and only with a public URL to link
    /// to (a link built from a request's Host header could point anywhere). Null: the widget does not offer it.</summary>
    public async Task<Channel?> SenderAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(webhooks.Value.PublicBaseUrl)) return null;
        var now = time.GetUtcNow();
        if (_sender is { } cached && now - cached.At < HandoffLinks.ListTimeToLive && now >= cached.At) return cached.Sender;
        var sender = (await channelStore.ListAsync(ct)).Where(c => c.Type == ChannelTypes.Email && c.Enabled && c.ArchivedAt is null).MinBy(c => c.Id);
        _sender = (now, sender);
        return sender;
    }

    /// <summary>True when this visitor, or this address, was sent as many links this past hour as allowed.</summary>
    public async Task<bool> ThrottledAsync(Visitor visitor, ChannelAddress email, CancellationToken ct)
    {
        var (byVisitor, byAddress) = await verifications.CountSinceAsync(visitor.Id, email.Value, time.GetUtcNow() - TimeSpan.FromHours(1), ct);
        return Math.Max(byVisitor, byAddress) >= options.Value.EmailLinksPerHour;
    }

    /// <summary>Mails the link (synchronously, so the visitor learns at once whether it left). The address is remembered on
    /// the visitor as a note for agents, as the offline form always did; it links nothing.</summary>
    public async Task<Outcome<EmailHandoffDto>> RequestAsync(WidgetChannel site, Visitor visitor, ChannelAddress email, string? language, CancellationToken ct)
    {
        if (await SenderAsync(ct) is not { } sender || connectors.Connector(sender.Type) is not { } connector)
            return Outcome<EmailHandoffDto>.Conflict("This site cannot send email.");
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.EmailLinkLifetime;
        var lang = EmailHandoffText.English(language) ? "en" : "es";
        var token = IssuedSecrets.New(TokenPrefix);
        var hash = IssuedSecrets.Hash(token);
        await verifications.InsertAsync(hash, visitor.Id, email.Value, sender.Id, lang, now, expiresAt, ct);

        var link = $"{webhooks.Value.PublicBaseUrl!.TrimEnd('/')}{HandoffRoutes.EmailConfirmPage}#token={token}";
        var (subject, body) = EmailHandoffText.Mail(lang, site.Channel.Name, link, options.Value.EmailLinkLifetime);
        var mail = new OutboundMessage(0, 0, 0, $"verify-{Guid.NewGuid():N}", email, body, null, now) { Subject = subject };
        var sent = await connector.SendAsync(channelStore.ContextOf(sender), mail, ct);
        if (!sent.Success)
        {
            await verifications.DeleteAsync(hash, ct);
            LogMailFailed(sender.Id);
            return Outcome<EmailHandoffDto>.Unavailable("The email could not be sent just now. Try again in a while.");
        }
        await visitors.SetUserAsync(visitor.Id, null, email.Value, null, ct);
        LogMailed(site.Id, sender.Id);
        return Outcome<EmailHandoffDto>.Ok(new EmailHandoffDto(email.Value, expiresAt));
    }

    /// <summary>The link was opened and confirmed: the address joins the visitor's contact (or the visitor joins the
    /// contact the address already has). A used, expired or unknown link links nothing.</summary>
    public async Task<EmailConfirmation> ConfirmAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200 || !token.StartsWith(TokenPrefix, StringComparison.Ordinal)) return new(EmailConfirmationResult.Unknown, null, null);
        var hash = IssuedSecrets.Hash(token);
        for (var attempt = 1; ; attempt++)
        {
            var live = new List<LiveEvent>();
            try
            {
                await using var c = await db.OpenAsync(ct);
                await using var tx = await c.BeginTransactionAsync(ct);
                if (await verifications.ClaimAsync(c, tx, hash, time.GetUtcNow(), ct) is not { } pending)
                {
                    await tx.RollbackAsync(ct);
                    var state = await verifications.StateAsync(hash, ct);
                    LogRefused();
                    return new(state is null ? EmailConfirmationResult.Unknown : state.UsedAt is not null ? EmailConfirmationResult.Used : EmailConfirmationResult.Expired,
                        null, state?.Language);
                }
                await JoinAsync(c, tx, hash, pending, time.GetUtcNow(), live, ct);
                await tx.CommitAsync(ct);
                if (live.Count > 0) await notifier.PublishAsync(live, ct);
                return new(EmailConfirmationResult.Confirmed, pending.Email, pending.Language);
            }
            catch (Exception ex) when (attempt == 1 && SqlDialect.IsUniqueViolation(ex))
            {
                // The visitor's first message, or the address's first mail, created that identity meanwhile: the claim
                // was rolled back with it, so the second pass sees the identity and joins it.
            }
        }
    }

    private async Task JoinAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string hash, PendingVerification pending, DateTimeOffset now,
        List<LiveEvent> live, CancellationToken ct)
    {
        var mine = ChannelAddress.WebVisitor(Guid.ParseExact(pending.VisitorId, "N"));
        ChannelAddress.TryEmail(pending.Email, out var email);
        var visitor = await contacts.FindIdentityAsync(c, tx, mine, ct)
                      ?? await contacts.CreateWithIdentityAsync(c, tx, mine, null, null, now, ct);
        var owner = await contacts.FindIdentityAsync(c, tx, email, ct);
        long emailIdentity;
        if (owner is null)
        {
            emailIdentity = await contacts.InsertIdentityAsync(c, tx, visitor.ContactId, email, null, pending.ChannelId, now, ct);
            await contacts.FillEmailAsync(c, tx, visitor.ContactId, email.Value, now, ct);
            await identityLinks.LinkAsync(c, tx, visitor.ContactId, emailIdentity, IdentityKind.Email, IdentityLinkReasons.VerifiedEmail, pending.ChannelId, now, live, ct);
            LogLinked(visitor.ContactId);
        }
        else
        {
            emailIdentity = owner.IdentityId;
            if (owner.ContactId != visitor.ContactId)
            {
                // The mailbox's customer is known: the visitor joins them, and sees that thread from now on.
                await contactCommands.MergeWithinAsync(c, tx, owner.ContactId, visitor.ContactId, null, now, live, ct);
                await identityLinks.LinkAsync(c, tx, owner.ContactId, visitor.IdentityId, IdentityKind.WebVisitor, IdentityLinkReasons.VerifiedEmail, pending.ChannelId,
                    now, live, ct);
                LogMerged(visitor.ContactId, owner.ContactId);
            }
        }
        await verifications.SetIdentityAsync(c, tx, hash, emailIdentity, ct);
    }

    /// <summary>The address this visitor verified (still on its contact), for the widget to say where replies go.</summary>
    public async Task<string?> VerifiedEmailAsync(string visitorId, CancellationToken ct) => (await verifications.VerifiedAsync(visitorId, ct))?.Address;

    [LoggerMessage(Level = LogLevel.Information, Message = "Email verification link mailed for a visitor of channel {SiteId} through channel {ChannelId}")]
    private partial void LogMailed(long siteId, long channelId);

    // Without the server's reason: it often quotes the recipient's address.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Email verification link could not be mailed through channel {ChannelId}")]
    private partial void LogMailFailed(long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A used, expired or unknown email verification link was opened: nothing linked")]
    private partial void LogRefused();

    [LoggerMessage(Level = LogLevel.Information, Message = "A verified email joined contact {ContactId}")]
    private partial void LogLinked(long contactId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A visitor's contact {SourceId} joined contact {TargetId}, which owns the email it verified")]
    private partial void LogMerged(long sourceId, long targetId);
}

public enum EmailConfirmationResult { Confirmed, Used, Expired, Unknown }

public sealed record EmailConfirmation(EmailConfirmationResult Result, string? Email, string? Language);
