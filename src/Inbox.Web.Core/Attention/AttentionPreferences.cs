namespace Inbox.Web.Attention;

/// <summary>The agent's choices for being alerted; kept in localStorage per browser.</summary>
public sealed record AttentionPreferences(bool Sound = false, bool Desktop = false)
{
    public const string SoundKey = "inbox.attention.sound";
    public const string DesktopKey = "inbox.attention.desktop";
}
