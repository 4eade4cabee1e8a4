using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Data;

/// <summary>Section "Inbox:Nodes": how a server process shows it is alive to the others sharing its database.</summary>
public sealed class NodeOptions : IValidatableObject
{
    public const string Section = "Inbox:Nodes";

    /// <summary>How often this process writes its heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node that has not beaten for this long is dead: what it had claimed is taken over at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A live node that misses a beat or two (a busy database) must not look dead.
        if (DeadAfter < HeartbeatInterval * 3)
            yield return new ValidationResult($"{nameof(DeadAfter)} must be at least three times {nameof(HeartbeatInterval)}.", [nameof(DeadAfter)]);
    }
}
