using System.Text;
using Inbox.Contracts;

namespace Inbox.Web.Api;

/// <summary>Query of GET /api/conversations. Assignee is "me", "unassigned", an agent id, or null for all.</summary>
public sealed record ConversationQuery(
    ConversationStatus? Status = ConversationStatus.Open,
    string? Assignee = null,
    long? TeamId = null,
    long? ChannelId = null,
    bool UnreadOnly = false,
    string? Cursor = null,
    int Limit = 30)
{
    public long? LabelId { get; init; }

    /// <summary>Only threads where the caller was @mentioned.</summary>
    public bool Mentioned { get; init; }

    /// <summary>Most urgent first (then newest).</summary>
    public bool ByPriority { get; init; }

    public string ToUrl()
    {
        var sb = new StringBuilder(Routes.Conversations);
        var sep = '?';
        void Add(string key, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            sb.Append(sep).Append(key).Append('=').Append(Uri.EscapeDataString(value));
            sep = '&';
        }
        Add("status", Status?.ToString().ToLowerInvariant());
        Add("assignee", Assignee);
        Add("teamId", TeamId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("channelId", ChannelId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("unread", UnreadOnly ? "true" : null);
        Add("labelId", LabelId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("mentioned", Mentioned ? "true" : null);
        Add("sort", ByPriority ? "priority" : null);
        Add("cursor", Cursor);
        Add("limit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
