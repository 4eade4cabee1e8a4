using System.Globalization;
using Inbox.Connectors.Abstractions;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>
/// The mailbox's INBOX, read by UID. New mail is fetched in batches; each batch is committed with the cursor
/// "UIDVALIDITY:last UID" and only then marked processed (a keyword, or \Seen where the server allows none, or a move
/// to the processed folder), so a crash between the two loses nothing: the next start marks what was committed and
/// not yet marked. A new UIDVALIDITY re-reads every unprocessed mail; what was stored before is recognised by its
/// Message-ID and not stored twice. Waits with IDLE (re-issued every 9 minutes, under the 30 servers may allow)
/// where the server has it, else polls. Errors end <see cref="ListenAsync"/>; the platform's host restarts it.
/// </summary>
public sealed partial class EmailListener(TimeProvider time, ILogger<EmailListener> logger) : IChannelListener
{
    public const string ProcessedKeyword = "$InboxStored";
    public static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(9);

    /// <summary>The first start reads this far back; older mail in a mailbox being connected is history, not new mail.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(14);

    public async Task ListenAsync(ChannelContext channel, IChannelInputSink sink, CancellationToken ct)
    {
        if (!EmailSettings.TryRead(channel, out var settings, out var problem)) throw new InvalidOperationException(problem);
        using var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await EmailChannelConnector.ConnectImapAsync(client, settings, ct);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
        var processed = settings.Processed == ProcessedMode.Move ? await ProcessedFolderAsync(client, settings.ProcessedFolder, ct) : null;
        var mark = new Marker(inbox, processed, inbox.PermanentFlags.HasFlag(MessageFlags.UserDefined));
        sink.ReportHealthy();

        var cursor = MailCursor.Parse(sink.Cursor);
        var firstStart = cursor is null;
        if (cursor is { } c && c.Validity == inbox.UidValidity && c.LastUid > 0)
            await mark.ApplyAsync(await inbox.SearchAsync(mark.Unprocessed(SearchQuery.Uids(new UniqueIdRange(UniqueId.MinValue, new UniqueId(c.LastUid)))), ct), ct);

        while (!ct.IsCancellationRequested)
        {
            if (cursor is null || cursor.Validity != inbox.UidValidity)
            {
                if (cursor is not null) LogResync(channel.ChannelId, cursor.Validity, inbox.UidValidity);
                cursor = new MailCursor(inbox.UidValidity, 0);
            }
            // Taken before the search: mail that arrives while it runs changes the count, so the loop searches again
            // instead of idling over it.
            var seen = inbox.Count;
            SearchQuery query = cursor.LastUid == 0 ? SearchQuery.All : SearchQuery.Uids(new UniqueIdRange(new UniqueId(cursor.LastUid + 1), UniqueId.MaxValue));
            if (firstStart) query = query.And(SearchQuery.DeliveredAfter(time.GetUtcNow().UtcDateTime - FirstLookBack));
            // "n:*" always matches the newest mail, even below n.
            var fresh = (await inbox.SearchAsync(mark.Unprocessed(query), ct)).Where(u => u.Id > cursor.LastUid).OrderBy(u => u.Id).ToList();
            foreach (var batch in fresh.Chunk(settings.BatchSize))
            {
                cursor = await StoreBatchAsync(channel, settings, sink, inbox, batch, cursor, ct);
                await mark.ApplyAsync(batch, ct);
            }
            firstStart = false;
            sink.ReportHealthy();
            if (inbox.Count != seen) continue;
            await WaitForMailAsync(client, inbox, settings, ct);
        }
    }

    private async Task<MailCursor> StoreBatchAsync(ChannelContext channel, EmailSettings settings, IChannelInputSink sink, IMailFolder inbox,
        IReadOnlyList<UniqueId> batch, MailCursor cursor, CancellationToken ct)
    {
        var messages = new List<InboundMessage>(batch.Count);
        var reports = new List<DeliveryReport>();
        foreach (var uid in batch)
        {
            MimeMessage mail;
            try
            {
                mail = await inbox.GetMessageAsync(uid, ct);
            }
            catch (MessageNotFoundException)
            {
                continue; // expunged meanwhile
            }
            var parsed = EmailParser.Parse(channel.ChannelId, mail, settings.FromAddress, time.GetUtcNow(), channel.MaxTextLength);
            if (parsed.Message is { } m) messages.Add(m);
            if (parsed.Report is { } r) reports.Add(r);
        }
        var next = new MailCursor(cursor.Validity, batch.Max(u => u.Id));
        await sink.CommitAsync(new ChannelInput { Messages = messages, Reports = reports }, next.ToString(), ct);
        LogStored(channel.ChannelId, messages.Count, reports.Count, batch.Count);
        return next;
    }

    private async Task WaitForMailAsync(ImapClient client, IMailFolder inbox, EmailSettings settings, CancellationToken ct)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(settings.PollInterval, time, ct);
            await client.NoOpAsync(ct);
            return;
        }
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        done.CancelAfter(IdleFor);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, ct);
        }
        finally
        {
            inbox.CountChanged -= Arrived;
        }
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        try
        {
            return await root.GetSubfolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            return await root.CreateAsync(name, true, ct) ?? throw new InvalidOperationException($"Could not create the folder {name}");
        }
    }

    /// <summary>How processed mail is marked, and how it is left out of a search.</summary>
    private sealed class Marker(IMailFolder inbox, IMailFolder? moveTo, bool keywords)
    {
        public SearchQuery Unprocessed(SearchQuery query) =>
            moveTo is not null ? query : query.And(keywords ? SearchQuery.NotKeyword(ProcessedKeyword) : SearchQuery.NotSeen);

        public async Task ApplyAsync(IList<UniqueId> uids, CancellationToken ct)
        {
            if (uids.Count == 0) return;
            if (moveTo is not null) await inbox.MoveToAsync(uids, moveTo, ct);
            else if (keywords) await inbox.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Add, new HashSet<string> { ProcessedKeyword }) { Silent = true }, ct);
            else await inbox.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email channel {ChannelId}: stored {Messages} messages and {Reports} bounces of {Mails} mails")]
    private partial void LogStored(long channelId, int messages, int reports, int mails);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email channel {ChannelId}: UIDVALIDITY changed from {Old} to {New}; re-reading unprocessed mail")]
    private partial void LogResync(long channelId, uint old, uint @new);
}

/// <summary>"UIDVALIDITY:last UID", as committed with the messages.</summary>
public sealed record MailCursor(uint Validity, uint LastUid)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Validity}:{LastUid}");

    public static MailCursor? Parse(string? value)
    {
        var parts = value?.Split(':');
        return parts is [var v, var u] && uint.TryParse(v, CultureInfo.InvariantCulture, out var validity) && uint.TryParse(u, CultureInfo.InvariantCulture, out var uid)
            ? new MailCursor(validity, uid)
            : null;
    }
}
