using System.Globalization;
using Inbox.Contracts;

namespace Inbox.Web.Conversations;

/// <summary>How the console shows a file: the four raster image types as a thumbnail, anything else as a download
/// link. The server decides the same way (and sends everything else as Content-Disposition: attachment), so a file
/// is never rendered as a page here.</summary>
public static class AttachmentView
{
    public static bool IsImage(AttachmentDto attachment) => attachment.ContentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    public static string Url(AttachmentDto attachment) => Routes.Attachment(attachment.Id);

    public static string Size(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => string.Create(culture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(culture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(culture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
