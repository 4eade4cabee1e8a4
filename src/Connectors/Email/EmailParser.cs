using System.Security.Cryptography;
using Inbox.Connectors.Abstractions;
using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>What one mail is to us: a customer's message, a bounce of one of ours (a failed delivery report), or nothing
/// we keep (a delay notice, a mail without a usable sender).</summary>
public sealed record ParsedMail(InboundMessage? Message, DeliveryReport? Report)
{
    public static readonly ParsedMail Nothing = new(null, null);
}

/// <summary>
/// Maps a MIME message to channel input, purely (no I/O, no clock: <paramref name="receivedAt"/> is passed in).
/// The thread shows text/plain when the mail has it, else its HTML as text, with quoted history and signatures
/// stripped; the full text and the sanitised HTML are kept beside it. Attachments and inline images become
/// <see cref="InboundAttachment"/>s; charsets are MimeKit's. The provider id is the Message-ID (a hash of the mail when
/// it has none), so the same mail seen again (another UID after a UIDVALIDITY change) is the same message.
/// </summary>
public static class EmailParser
{
    public static ParsedMail Parse(long channelId, MimeMessage mail, string ownAddress, DateTimeOffset receivedAt, int maxTextLength = 20_000)
    {
        if (Bounce(channelId, mail, receivedAt) is { } bounce) return bounce;
        var sender = mail.From.Mailboxes.FirstOrDefault() ?? mail.Sender;
        if (sender is null || !ChannelAddress.TryEmail(sender.Address, out var from)) return ParsedMail.Nothing;

        var plain = mail.TextBody;
        var html = mail.HtmlBody;
        var full = (plain ?? (html is null ? "" : HtmlText.ToText(html))).Trim();
        var text = Clip(QuoteStripper.Strip(full), maxTextLength);

        var replyTo = mail.References.ToList();
        if (!string.IsNullOrEmpty(mail.InReplyTo) && !replyTo.Contains(mail.InReplyTo)) replyTo.Add(mail.InReplyTo);
        var threadKey = ThreadIndex.KeyOf(mail.Headers["Thread-Index"]);

        var message = new InboundMessage(channelId, ProviderId(mail), from, string.IsNullOrWhiteSpace(sender.Name) ? null : sender.Name.Trim(), text,
            mail.Date == DateTimeOffset.MinValue ? receivedAt : mail.Date.ToUniversalTime())
        {
            Subject = string.IsNullOrWhiteSpace(mail.Subject) ? null : mail.Subject.Trim(),
            ReplyTo = replyTo,
            ThreadKeys = threadKey is null ? [] : [threadKey],
            Attachments = Attachments(mail),
            Automated = AutomatedMail.IsAutomated(mail, from.Value, ownAddress),
            OriginalText = full == text ? null : Clip(full, maxTextLength * 5),
            OriginalHtml = html is null ? null : HtmlText.Sanitize(html),
        };
        return new ParsedMail(message, null);
    }

    /// <summary>The Message-ID as MimeKit gives it (no angle brackets), or "sha256:…" of the whole mail when there is none.</summary>
    public static string ProviderId(MimeMessage mail)
    {
        if (!string.IsNullOrWhiteSpace(mail.MessageId)) return mail.MessageId.Length <= 250 ? mail.MessageId : "sha256:" + Hash(mail.MessageId);
        using var bytes = new MemoryStream();
        mail.WriteTo(bytes);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>A DSN (RFC 3464) saying a recipient failed: a failed report on the original's Message-ID with the
    /// server's diagnostic. Delay and success notices are nothing to store.</summary>
    private static ParsedMail? Bounce(long channelId, MimeMessage mail, DateTimeOffset receivedAt)
    {
        var report = mail.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (report is null) return null;
        var recipients = report.StatusGroups.Skip(1).ToList();
        var failed = recipients.FirstOrDefault(g => string.Equals(g["Action"]?.Trim(), "failed", StringComparison.OrdinalIgnoreCase));
        if (failed is null) return ParsedMail.Nothing;
        // A bounce we cannot tie to one of our mails is kept as an (automated) message, so someone can read it.
        var original = OriginalMessageId(mail);
        if (original is null) return null;
        var status = failed["Status"]?.Trim();
        var diagnostic = failed["Diagnostic-Code"]?.Trim();
        if (diagnostic is not null && diagnostic.StartsWith("smtp;", StringComparison.OrdinalIgnoreCase)) diagnostic = diagnostic[5..].Trim();
        var recipient = failed["Final-Recipient"]?.Trim();
        if (recipient is not null && recipient.Contains(';')) recipient = recipient[(recipient.IndexOf(';') + 1)..].Trim();
        var error = diagnostic ?? $"Delivery to {recipient ?? "the recipient"} failed";
        return new ParsedMail(null, new DeliveryReport(channelId, original, DeliveryStatus.Failed, mail.Date == DateTimeOffset.MinValue ? receivedAt : mail.Date)
        {
            ErrorCode = status,
            Error = Clip(error, 1000),
        });
    }

    private static string? OriginalMessageId(MimeMessage mail)
    {
        foreach (var part in mail.BodyParts)
        {
            // message/rfc822 or text/rfc822-headers (MimeKit reads both as a MessagePart)
            if (part is MessagePart { Message: { } returned } && !string.IsNullOrEmpty(returned.MessageId)) return returned.MessageId;
        }
        return null;
    }

    private static IReadOnlyList<InboundAttachment> Attachments(MimeMessage mail)
    {
        var found = new List<InboundAttachment>();
        var n = 0;
        foreach (var entity in mail.BodyParts)
        {
            n++;
            switch (entity)
            {
                case MimePart part when part.IsAttachment || (part.ContentType.MediaType == "image" && part.ContentId is not null):
                {
                    var bytes = new MemoryStream();
                    part.Content?.DecodeTo(bytes);
                    var data = bytes.ToArray();
                    var name = part.FileName ?? $"{(part.ContentType.MediaType == "image" ? "image" : "attachment")}-{n}.{part.ContentType.MediaSubtype}";
                    found.Add(new InboundAttachment(name, part.ContentType.MimeType, data.Length, _ => Task.FromResult<Stream>(new MemoryStream(data, writable: false))));
                    break;
                }
                case MessagePart { Message: { } forwarded } when entity.IsAttachment:
                {
                    var bytes = new MemoryStream();
                    forwarded.WriteTo(bytes);
                    var data = bytes.ToArray();
                    var name = entity.ContentDisposition?.FileName ?? $"{(string.IsNullOrWhiteSpace(forwarded.Subject) ? "message" : forwarded.Subject)}.eml";
                    found.Add(new InboundAttachment(name, "message/rfc822", data.Length, _ => Task.FromResult<Stream>(new MemoryStream(data, writable: false))));
                    break;
                }
            }
        }
        return found;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Mail sent by a machine, which must never be answered (RFC 3834) nor reopen a thread: Auto-Submitted,
/// Precedence bulk/junk/list/auto_reply, list headers, auto-reply markers, mailer-daemon, a null return path, our own
/// address (a loop), and the usual out-of-office subjects in English and Spanish.</summary>
public static class AutomatedMail
{
    private static readonly string[] RobotLocalParts = ["mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply", "bounce", "bounces"];

    private static readonly string[] AutoSubjects =
    [
        "auto:", "automatic reply", "autoreply", "auto-reply", "out of office", "out of the office", "respuesta automática", "respuesta automatica",
        "fuera de la oficina", "fuera de oficina", "ausente:", "undeliverable:", "undelivered mail", "delivery status notification", "no se puede entregar",
    ];

    public static bool IsAutomated(MimeMessage mail, string fromAddress, string ownAddress)
    {
        var h = mail.Headers;
        if (h["Auto-Submitted"] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)) return true;
        if (h["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply") return true;
        if (h["X-Autoreply"] is not null || h["X-Autorespond"] is not null || h["X-Auto-Reply"] is not null) return true;
        if (h["List-Id"] is not null || h["List-Unsubscribe"] is not null || h["Feedback-ID"] is not null) return true;
        if (h["Return-Path"]?.Trim() == "<>") return true;
        var local = fromAddress[..fromAddress.IndexOf('@')];
        if (RobotLocalParts.Contains(local)) return true;
        if (string.Equals(fromAddress, ownAddress, StringComparison.OrdinalIgnoreCase)) return true;
        var subject = mail.Subject?.Trim().ToLowerInvariant() ?? "";
        return AutoSubjects.Any(s => subject.StartsWith(s, StringComparison.Ordinal));
    }
}
