namespace Inbox.Server.Data;

/// <summary>This server process among the nodes sharing one database: the owner named on leases it holds.
/// A restarted process is a new node, so nothing it held before a crash is mistaken for its own.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}
