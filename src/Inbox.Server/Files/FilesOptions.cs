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

    /// <summary>How often each node sweeps the file store for files no message or upload refers to.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A file is swept only when nothing has referred to it for this long (a message being stored, a retried
    /// webhook carrying the same bytes): far longer than any write takes to commit.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An agent's upload that no reply took within this long is forgotten (its file is swept unless a message
    /// carries it).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan UploadRetention { get; set; } = TimeSpan.FromDays(7);
}
