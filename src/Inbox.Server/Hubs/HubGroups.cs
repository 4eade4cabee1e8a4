using System.Globalization;
using Inbox.Server.Live;

namespace Inbox.Server.Hubs;

/// <summary>Every SignalR group name, from one place.</summary>
public static class HubGroups
{
    /// <summary>All agents and admins: conversations without a team.</summary>
    public const string Everyone = "agents";

    /// <summary>Admins see team conversations too.</summary>
    public const string Admins = "admins";

    public static string Team(long teamId) => "team:" + teamId.ToString(CultureInfo.InvariantCulture);

    public static string User(long userId) => "user:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Agents who have a conversation open (typing indicators, who is viewing).</summary>
    public static string Conversation(long conversationId) => "conversation:" + conversationId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The groups that may receive a conversation's events; each connection is in exactly one of them.</summary>
    public static IReadOnlyList<string> For(ConversationAudience audience) =>
        audience.TeamId is { } team ? [Team(team), Admins] : [Everyone];
}
