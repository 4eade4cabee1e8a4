using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Inbox.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Bench;

/// <summary>
/// One agent console on AgentHub over WebSockets. Every MessageReceived is stamped on arrival; the message text
/// carries the run tag and sequence number, so the arrival is matched to its send time without trusting server clocks.
/// </summary>
public sealed class Agent : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private Run? _run;
    private long _otherMessages;
    private long _conversationUpdates;

    private Agent(HubConnection connection) => _connection = connection;

    public long OtherMessages => Interlocked.Read(ref _otherMessages);
    public long ConversationUpdates => Interlocked.Read(ref _conversationUpdates);

    public static async Task<Agent> ConnectAsync(Uri baseAddress, string bearerToken, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, Routes.AgentHub), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(bearerToken);
            })
            .Build();
        var agent = new Agent(connection);
        connection.On<long, MessageDto>(nameof(IAgentClient.MessageReceived), agent.OnMessageReceived);
        connection.On<long, JsonElement>(nameof(IAgentClient.ConversationUpdated), (_, _) => Interlocked.Increment(ref agent._conversationUpdates));
        await connection.StartAsync(ct);
        return agent;
    }

    /// <summary>From now on, messages tagged for <paramref name="run"/> are recorded into it.</summary>
    public void Follow(Run run) => Volatile.Write(ref _run, run);

    private void OnMessageReceived(long eventId, MessageDto message)
    {
        var now = Stopwatch.GetTimestamp();
        var run = Volatile.Read(ref _run);
        if (run is null || !TryParse(message.Text, run.Tag, out var seq) || seq < 0 || seq >= run.Count)
        {
            Interlocked.Increment(ref _otherMessages);
            return;
        }
        run.Received(seq, now);
    }

    /// <summary>Text is "{tag}:{seq} …".</summary>
    private static bool TryParse(string text, string tag, out int seq)
    {
        seq = -1;
        var span = text.AsSpan();
        if (!span.StartsWith(tag, StringComparison.Ordinal) || span.Length <= tag.Length || span[tag.Length] != ':') return false;
        span = span[(tag.Length + 1)..];
        var end = span.IndexOf(' ');
        return int.TryParse(end < 0 ? span : span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
