namespace Inbox.Web.Live;

public enum LiveConnectionState { Disconnected, Connecting, Connected, Reconnecting }
