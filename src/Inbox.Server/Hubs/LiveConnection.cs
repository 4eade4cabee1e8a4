using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

/// <summary>
/// One AgentHub connection's pushes: a bounded queue drained by its own loop, so calls reach the client in the order
/// they were queued and a slow client delays nobody else. A client that stops reading (a frozen laptop, a dead Wi-Fi)
/// fills its socket, then SignalR's pipe (<c>TransportMaxBufferSize</c>), and its writes wait; when one waits longer
/// than <see cref="LiveOptions.ClientSendTimeout"/> or the queue is full, the connection is aborted. The client
/// reconnects and replays what it missed with GetEventsSince.
/// </summary>
internal sealed class LiveConnection
{
    private readonly HubConnectionContext _connection;
    private readonly Channel<SerializedHubMessage> _queue;
    private readonly TimeSpan _sendTimeout;
    private readonly Action<string, string> _onDropped;
    private int _dropped;

    public LiveConnection(HubConnectionContext connection, LiveOptions options, Action<string, string> onDropped)
    {
        _connection = connection;
        _sendTimeout = options.ClientSendTimeout;
        _onDropped = onDropped;
        _queue = Channel.CreateBounded<SerializedHubMessage>(new BoundedChannelOptions(options.ClientQueueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _ = Task.Run(SendAsync);
    }

    public string ConnectionId => _connection.ConnectionId;

    /// <summary>The groups this connection is in (kept beside SignalR's own list, which cannot be read).</summary>
    public ConcurrentDictionary<string, byte> Groups { get; } = new(StringComparer.Ordinal);

    public bool InAny(IReadOnlyList<string> groups)
    {
        foreach (var group in groups)
            if (Groups.ContainsKey(group)) return true;
        return false;
    }

    /// <summary>Never waits: a full queue drops the connection instead.</summary>
    public void Enqueue(SerializedHubMessage message)
    {
        if (!_queue.Writer.TryWrite(message)) Drop("its queue is full");
    }

    /// <summary>The connection has gone: what is still queued is dropped (it replays on reconnect).</summary>
    public void Close() => _queue.Writer.TryComplete();

    private async Task SendAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (_queue.Reader.TryRead(out var message))
                {
                    var write = _connection.WriteAsync(message, CancellationToken.None);
                    if (!write.IsCompletedSuccessfully) await write.AsTask().WaitAsync(_sendTimeout);
                }
            }
        }
        catch (TimeoutException)
        {
            Drop("a push waited longer than the send timeout");
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            Drop("a push failed");
        }
    }

    private void Drop(string reason)
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 1) return;
        _queue.Writer.TryComplete();
        _connection.Abort();
        _onDropped(_connection.ConnectionId, reason);
    }
}
