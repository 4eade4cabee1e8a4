using Inbox.Contracts;

namespace Inbox.Web.Conversations;

/// <summary>What the reply window lets the composer send: free text, or (window closed) only <see cref="Template"/>,
/// null until the agent has picked one and filled every placeholder.</summary>
public sealed record ReplyWindowChoice(bool FreeTextAllowed, ReplyTemplate? Template, string? Preview)
{
    public static readonly ReplyWindowChoice FreeText = new(true, null, null);
}
