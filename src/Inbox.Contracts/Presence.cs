using System.Text.Json.Serialization;

namespace Inbox.Contracts;

/// <summary>What an agent chose in the profile menu, stored per user: Away is connected but not taking new chats.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AgentAvailability>))]
public enum AgentAvailability
{
    Online,
    Away,
}

/// <summary>What other agents see: the agent's choice while their console is connected to any node, Offline otherwise.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    Offline,
    Online,
    Away,
}

public sealed record AgentStatusDto(long UserId, AgentStatus Status);

public sealed record SetAvailabilityRequest(AgentAvailability? Availability);
