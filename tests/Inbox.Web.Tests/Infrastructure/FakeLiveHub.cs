using Inbox.Web.Live;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Records what the console asks of the hub; live events are pushed through <see cref="LiveEvents"/> directly.</summary>
public sealed class FakeLiveHub : ILiveHub
{
    public List<string> Calls { get; } = [];

    /// <summary>What GetLatestEventId answers (null: not connected).</summary>
    public long? LatestEventId { get; set; } = 40;

    /// <summary>Shared with the fake server so a test can check the order of hub and HTTP calls.</summary>
    public List<string>? Timeline { get; set; }

    /// <summary>Runs on ReplaySinceAsync (e.g. to apply replayed events through LiveEvents).</summary>
    public Action<long>? OnReplay { get; set; }

    public Task StartAsync() { Record("start"); return Task.CompletedTask; }

    public Task StopAsync() { Record("stop"); return Task.CompletedTask; }

    public Task JoinConversationAsync(long conversationId) { Record($"join:{conversationId}"); return Task.CompletedTask; }

    public Task LeaveConversationAsync(long conversationId) { Record($"leave:{conversationId}"); return Task.CompletedTask; }

    public Task SendTypingAsync(long conversationId, bool isTyping) { Record($"typing:{conversationId}:{isTyping}"); return Task.CompletedTask; }

    public Task SendReplyingAsync(long conversationId, bool replying) { Record($"replying:{conversationId}:{replying}"); return Task.CompletedTask; }

    public Task<long?> GetLatestEventIdAsync() { Record("latest"); return Task.FromResult(LatestEventId); }

    public Task ReplaySinceAsync(long eventId)
    {
        Record($"replay:{eventId}");
        OnReplay?.Invoke(eventId);
        return Task.CompletedTask;
    }

    private void Record(string call)
    {
        Calls.Add(call);
        Timeline?.Add("hub:" + call);
    }
}
