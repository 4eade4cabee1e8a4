using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Messaging;

/// <summary>Section "Inbox:Outbox": how replies are retried before they are marked failed.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Inbox:Outbox";

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>First retry delay; each further attempt doubles it (with jitter) up to MaxDelay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sender looks for due rows when nothing woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a live node holds a claimed row (one attempt should end well before). A dead node's claims are
    /// taken over as soon as its heartbeat is stale (<see cref="Data.NodeOptions.DeadAfter"/>), without waiting for this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;
}
