namespace Inbox.Web.Conversations;

/// <summary>The list tabs: conversations assigned to me, to nobody, or all I can see.</summary>
public enum AssigneeView { Mine, Unassigned, All }
