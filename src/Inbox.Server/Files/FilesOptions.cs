using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Files;

/// <summary>Section "Inbox:Files". Customers' attachments are limited per channel type (the connector says how
/// much its provider allows); this limits what agents upload.</summary>
public sealed class FilesOptions
{
    public const string Section = "Inbox:Files";

    /// <summary>Where file bytes are kept. Empty = {DataDirectory}/files.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Largest file an agent may upload, in bytes.</summary>
    [Range(1, 1L << 32)]
    public long MaxUploadBytes { get; set; } = 26_214_400;

    /// <summary>Most files on one reply.</summary>
    [Range(1, 100)]
    public int MaxFilesPerReply { get; set; } = 10;
}
