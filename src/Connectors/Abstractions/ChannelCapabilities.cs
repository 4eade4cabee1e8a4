namespace Inbox.Connectors.Abstractions;

/// <summary>What a channel can do, asked by the console instead of hard-coding per channel.</summary>
[Flags]
public enum ChannelCapabilities
{
    None = 0,
    Text = 1,
    Attachments = 2,
    TypingIndicator = 4,
    DeliveryReceipts = 8,
    ReadReceipts = 16,
    Templates = 32,
    /// <summary>Free-form replies only within a window after the customer's last message (WhatsApp 24 h).</summary>
    ReplyWindow = 64,
    RichText = 128,
}
