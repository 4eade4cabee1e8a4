namespace Inbox.Web.Conversations;

/// <summary>The list tabs: conversations assigned to me, to nobody, all I can see, or those I was @mentioned in.</summary>
public enum AssigneeView { Mine, Unassigned, All, Mentions }
