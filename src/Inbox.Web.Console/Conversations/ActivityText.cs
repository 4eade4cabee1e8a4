using Inbox.Contracts;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Conversations;

/// <summary>The words of one activity line ("Ana assigned this to Bruno"), names looked up by the caller.</summary>
public static class ActivityText
{
    public static string Describe(ActivityDto a, IStringLocalizer L, Func<long, string?> agent, Func<long, string?> team, Func<long, string?> label)
    {
        var who = a.ActorName ?? L["Activity.System"].Value;
        string Named(Func<long, string?> lookup, long? id) => id is { } v ? lookup(v) ?? $"#{v}" : "";
        return a.Type switch
        {
            EventTypes.ConversationAssigned when a.AgentId is { } to && to == a.ActorId => L["Activity.Took", who],
            EventTypes.ConversationAssigned when a.AgentId is not null => L["Activity.Assigned", who, Named(agent, a.AgentId)],
            EventTypes.ConversationAssigned when a.TeamId is not null => L["Activity.Team", who, Named(team, a.TeamId)],
            EventTypes.ConversationAssigned => L["Activity.Unassigned", who],
            EventTypes.ConversationStatusChanged when a.ActorId is null && a.Reason == "customer replied" => L["Activity.Reopened"],
            EventTypes.ConversationStatusChanged when a.ActorId is null && a.Reason == "snooze ended" => L["Activity.SnoozeEnded"],
            EventTypes.ConversationStatusChanged when a.To == "snoozed" => L["Activity.Snoozed", who],
            EventTypes.ConversationStatusChanged when a.To == "open" => L["Activity.Reopen", who],
            EventTypes.ConversationStatusChanged => L["Activity.Status", who, StatusName(a.To, L)],
            EventTypes.ConversationPriorityChanged => L["Activity.Priority", who, L[$"Priority.{Pascal(a.To)}"].Value],
            EventTypes.ConversationLabelAdded => L["Activity.LabelAdded", who, Named(label, a.LabelId)],
            EventTypes.ConversationLabelRemoved => L["Activity.LabelRemoved", who, Named(label, a.LabelId)],
            EventTypes.ConversationMerged => L["Activity.Merged", who],
            EventTypes.IdentityLinked => L["Activity.IdentityLinked", LinkReason(a.Reason, L)],
            EventTypes.IdentitySplit => L["Activity.IdentitySplit", who],
            EventTypes.ReservationHeld => L["Activity.ReservationHeld", who, a.ReservationId ?? 0],
            EventTypes.ReservationPickedUp => L["Activity.ReservationPickedUp", a.ReservationId ?? 0],
            EventTypes.ReservationReleased => L["Activity.ReservationReleased", who, a.ReservationId ?? 0],
            EventTypes.ReservationExpired => L["Activity.ReservationExpired", a.ReservationId ?? 0],
            EventTypes.OrderCancellationRequested => L["Activity.CancellationRequested", who, a.OrderNumber ?? ""],
            _ => a.Type,
        };
    }

    /// <summary>The link's reason in words, as the contact panel shows it (a reason this console does not know, as named).</summary>
    public static string LinkReason(string? reason, IStringLocalizer L) =>
        reason is null ? "" : L[$"Link.{reason}"] is { ResourceNotFound: false } known ? known.Value : reason;

    private static string StatusName(string? status, IStringLocalizer L) => L[$"Status.{Pascal(status)}"].Value.ToLowerInvariant();

    private static string Pascal(string? camel) => string.IsNullOrEmpty(camel) ? "None" : char.ToUpperInvariant(camel[0]) + camel[1..];
}
