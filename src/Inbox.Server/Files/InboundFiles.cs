using Inbox.Connectors.Abstractions;
using Inbox.Server.Channels;

namespace Inbox.Server.Files;

/// <summary>
/// Downloads and stores a message's attachments before the message enters the inbound writer's queue: the writer
/// never waits on the network or on disk, it only inserts the rows. An attachment larger than its channel type's
/// limit is not kept; a line in the message text says so (the message itself is never refused for it). A failing
/// download fails the input, so the provider retries it; stored files are content-addressed, so a retry writes
/// nothing twice.
/// </summary>
public sealed partial class InboundFiles(IFileStore store, ChannelCache channels, ChannelConnectors connectors, ILogger<InboundFiles> logger)
{
    public async Task<(InboundMessage Message, IReadOnlyList<StoredAttachment> Files)> StoreAsync(InboundMessage message, CancellationToken ct)
    {
        if (message.Attachments.Count == 0) return (message, []);
        var type = (await channels.GetAsync(message.ChannelId, ct))?.Type;
        var limit = type is null ? 0 : connectors.Connector(type)?.MaxAttachmentBytes ?? 0;
        var stored = new List<StoredAttachment>(message.Attachments.Count);
        var notes = new List<string>();
        foreach (var attachment in message.Attachments)
        {
            var name = FileNames.Clean(attachment.FileName);
            StoredFile? file = null;
            if (attachment.Size <= limit)
            {
                await using var content = await attachment.OpenAsync(ct);
                file = await store.PutAsync(content, limit, ct);
            }
            if (file is null)
            {
                LogTooLarge(message.ChannelId, attachment.Size, limit);
                notes.Add($"[Attachment \"{name}\" was not kept: it is larger than this channel's limit of {Megabytes(limit)}.]");
                continue;
            }
            stored.Add(new StoredAttachment(name, ContentSniffer.Decide(file.Head, attachment.ContentType), file.Size, file.Key));
        }
        var text = notes.Count == 0 ? message.Text : string.Join("\n", [message.Text, .. notes]).TrimStart('\n');
        return (message with { Text = text, Attachments = [] }, stored);
    }

    public static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:0.#} MB");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped an attachment of {Size} bytes on channel {ChannelId}: over the limit of {Limit}")]
    private partial void LogTooLarge(long channelId, long size, long limit);
}
