using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Data;

/// <summary>Section "Inbox": where the product keeps its files (database, keys, attachments).</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    [Required]
    public string DataDirectory { get; set; } = "data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
