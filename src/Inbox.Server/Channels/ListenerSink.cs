using Inbox.Connectors.Abstractions;
using Inbox.Server.Messaging;

namespace Inbox.Server.Channels;

/// <summary>A running listener's way into storage: input and cursor in one transaction, fenced by this node's lease.</summary>
internal sealed class ListenerSink(long channelId, string owner, string? cursor, ChannelInputWriter writer, Action healthy) : IChannelInputSink
{
    public string? Cursor { get; private set; } = cursor;

    public async Task<IReadOnlyList<InboundReceipt>> CommitAsync(ChannelInput input, string? cursor, CancellationToken ct)
    {
        var next = cursor ?? Cursor ?? "";
        var receipts = await writer.WriteAsync(input, new ListenerCursor(channelId, owner, next), ct);
        Cursor = next;
        return receipts;
    }

    public void ReportHealthy() => healthy();
}
