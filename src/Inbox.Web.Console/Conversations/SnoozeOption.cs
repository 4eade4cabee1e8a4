namespace Inbox.Web.Conversations;

/// <summary>The snooze menu's choices; <see cref="SnoozeTimes"/> says when each one wakes the conversation.</summary>
public enum SnoozeOption { OneHour, Tomorrow, NextWeek }
