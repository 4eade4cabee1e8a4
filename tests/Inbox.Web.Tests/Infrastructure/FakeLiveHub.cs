using Inbox.Web.Live;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Records what the console asks of the hub; live events are pushed through <see cref="LiveEvents"/> directly.</summary>
public sealed class FakeLiveHub : ILiveHub
{
    public List<string> Calls { get; } = [];

    public Task StartAsync() { Calls.Add("start"); return Task.CompletedTask; }

    public Task StopAsync() { Calls.Add("stop"); return Task.CompletedTask; }

    public Task JoinConversationAsync(long conversationId) { Calls.Add($"join:{conversationId}"); return Task.CompletedTask; }

    public Task LeaveConversationAsync(long conversationId) { Calls.Add($"leave:{conversationId}"); return Task.CompletedTask; }

    public Task SendTypingAsync(long conversationId, bool isTyping) { Calls.Add($"typing:{conversationId}:{isTyping}"); return Task.CompletedTask; }
}
