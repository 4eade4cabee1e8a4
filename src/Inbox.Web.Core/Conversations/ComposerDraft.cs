namespace Inbox.Web.Conversations;

/// <summary>
/// Text that other parts of the thread (the commerce panel's "Send to customer") drop into the open composer for the
/// agent to read over and send. Per console session; the composer of that conversation appends it to its draft.
/// </summary>
public sealed class ComposerDraft
{
    public event Action<long, string>? Dropped;

    public void Drop(long conversationId, string text) => Dropped?.Invoke(conversationId, text);
}
