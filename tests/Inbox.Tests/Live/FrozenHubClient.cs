using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Inbox.Contracts;

namespace Inbox.Tests.Live;

/// <summary>
/// An agent console on a frozen laptop: a raw WebSocket to /hubs/agent that completes the SignalR handshake, makes one
/// call (so the server has put it in its groups), and then never reads again. Its receive buffer is small, so the
/// server's pushes back up quickly.
/// </summary>
public sealed class FrozenHubClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly WebSocket _webSocket;

    private FrozenHubClient(Socket socket, WebSocket webSocket) => (_socket, _webSocket) = (socket, webSocket);

    public static async Task<FrozenHubClient> ConnectAsync(Uri baseAddress, string token)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = new NetworkStream(socket, ownsSocket: false);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var upgrade = $"GET {Routes.AgentHub}?access_token={Uri.EscapeDataString(token)} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n" +
            $"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("The server closed the connection during the upgrade");
            head.Append((char)one[0]);
        }
        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) throw new IOException($"No WebSocket upgrade: {head}");

        var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = Timeout.InfiniteTimeSpan });
        await SendAsync(ws, """{"protocol":"json","version":1}""");
        await SendAsync(ws, """{"type":1,"invocationId":"1","target":"GetLatestEventId","arguments":[]}""");
        // Read until the call's completion (type 3): the hub has run OnConnectedAsync and joined the groups. Then freeze.
        var buffer = new byte[64 * 1024];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\"type\":3", StringComparison.Ordinal))
        {
            var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) throw new IOException("The hub closed the connection: " + received);
            received.Append(Encoding.UTF8.GetString(buffer, 0, r.Count));
        }
        return new FrozenHubClient(socket, ws);
    }

    private static Task SendAsync(WebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json + "\u001e"), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        _webSocket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
