namespace Inbox.Server.Hubs;

/// <summary>Where the notifier hands a committed push: this node's connections, or every node's (through Redis).
/// Never waits on the network.</summary>
public interface ILivePush
{
    void Push(IReadOnlyList<string> groups, string method, object?[] args, string? exceptConnectionId = null);
}

/// <summary>One node: straight into this node's per-connection queues.</summary>
public sealed class LocalLivePush(AgentHubLifetimeManager hub) : ILivePush
{
    public void Push(IReadOnlyList<string> groups, string method, object?[] args, string? exceptConnectionId = null) =>
        hub.Push(groups, method, args, exceptConnectionId);
}
