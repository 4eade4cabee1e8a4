using System.Text;
using Inbox.Connectors.Abstractions;
using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>Builds the MIME message of an agent's reply (pure but for reading attachments): text and HTML alternatives,
/// attachments, our Message-ID (from the outbox's idempotency key, so every retry is the same mail), In-Reply-To and
/// References to the answered thread, Outlook's Thread-Index, and the subject with one "Re:".</summary>
public static class OutboundMail
{
    /// <summary>Our Message-ID for an outbox row: stable across retries, in the from address's domain.</summary>
    public static string MessageIdFor(string idempotencyKey, string fromAddress) =>
        $"{new string(idempotencyKey.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_').ToArray())}@{fromAddress[(fromAddress.LastIndexOf('@') + 1)..]}";

    public static async Task<(MimeMessage Mail, string ThreadKey)> BuildAsync(EmailSettings settings, OutboundMessage message, CancellationToken ct)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(settings.FromName ?? "", settings.FromAddress));
        mail.To.Add(new MailboxAddress("", message.To.Value));
        mail.MessageId = MessageIdFor(message.IdempotencyKey, settings.FromAddress);
        mail.Date = message.CreatedAt;
        mail.Subject = ReplySubject(message.Subject, answering: message.ReplyTo.Count > 0);
        if (message.ReplyTo.Count > 0)
        {
            mail.InReplyTo = message.ReplyTo[^1];
            // RFC 5322 3.6.4: the parent's References plus the parent; keep the first and the most recent when long.
            var chain = message.ReplyTo.Distinct().ToList();
            if (chain.Count > 20) chain = [chain[0], .. chain[^19..]];
            foreach (var id in chain) mail.References.Add(id);
        }
        var answeredThread = message.ThreadKeys.FirstOrDefault(k => k.StartsWith(ThreadIndex.KeyPrefix, StringComparison.Ordinal));
        var threadIndex = (answeredThread is null ? null : ThreadIndex.Reply(answeredThread, mail.MessageId)) ?? ThreadIndex.Start(message.CreatedAt, mail.MessageId);
        mail.Headers.Add("Thread-Index", threadIndex);
        mail.Headers.Add("Thread-Topic", Topic(mail.Subject));
        // Ours is a person's answer, but tell other robots not to answer it automatically (RFC 3834 5.1 allows no more).
        mail.Headers.Add("X-Auto-Response-Suppress", "All");

        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = Html(message.Text) };
        foreach (var a in message.Attachments)
        {
            var content = new MemoryStream();
            await using (var source = await a.OpenAsync(ct)) await source.CopyToAsync(content, ct);
            content.Position = 0;
            body.Attachments.Add(a.FileName, content, ContentType.TryParse(a.ContentType, out var type) ? type : new ContentType("application", "octet-stream"), ct);
        }
        mail.Body = body.ToMessageBody();
        return (mail, ThreadIndex.KeyOf(threadIndex)!);
    }

    /// <summary>"Re: " once: an answered "RE: Pedido" or "Re: Re: Pedido" stays "RE: Pedido" / becomes "Re: Pedido".</summary>
    public static string ReplySubject(string? subject, bool answering)
    {
        var topic = Topic(subject ?? "");
        if (!answering) return string.IsNullOrEmpty(topic) ? "" : topic;
        return topic.Length == 0 ? "Re:" : "Re: " + topic;
    }

    /// <summary>The subject without reply and forward prefixes (Re, RE, Aw, RV, Fwd, Fw, RV, Reenv), as Thread-Topic.</summary>
    public static string Topic(string subject)
    {
        var s = subject.Trim();
        while (true)
        {
            var colon = s.IndexOf(':');
            if (colon is < 2 or > 6) return s;
            var prefix = s[..colon].Trim();
            var bracket = prefix.IndexOf('[');
            if (bracket > 0) prefix = prefix[..bracket];
            if (!Prefixes.Contains(prefix)) return s;
            s = s[(colon + 1)..].Trim();
        }
    }

    private static readonly HashSet<string> Prefixes = new(["re", "aw", "rv", "fw", "fwd", "wg", "tr", "sv", "vs", "reenv", "rif"], StringComparer.OrdinalIgnoreCase);

    private static string Html(string text)
    {
        var html = new StringBuilder("<html><body>");
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n"))
            html.Append("<p>").Append(Escape(paragraph).Replace("\n", "<br>")).Append("</p>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Only what HTML needs escaped: the mail is UTF-8, so "í" stays "í".</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
