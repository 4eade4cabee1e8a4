using Microsoft.Extensions.Options;

namespace Inbox.Server.Files;

/// <summary>
/// Removes file bytes nothing refers to: a customer's attachment whose message was a dropped duplicate or never
/// committed, an agent's upload no reply took, what a crash left mid-write. Keys are shared between messages (content
/// addressing), so a file goes only when no attachment or upload row names it and nothing has put the same bytes for
/// <see cref="FilesOptions.OrphanGrace"/>. Every node sweeps; deleting twice is harmless.
/// </summary>
public sealed partial class FileSweeper(
    IFileStore files, AttachmentStore attachments, IOptions<FilesOptions> options, TimeProvider time, ILogger<FileSweeper> logger)
    : BackgroundService
{
    public async Task<FileSweep> SweepAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        // An expired upload's file waits for the next sweep: a reply may be attaching it right now.
        var expired = (await attachments.DeleteUploadsBeforeAsync(now - o.UploadRetention, ct)).ToHashSet(StringComparer.Ordinal);
        var cutoff = now - o.OrphanGrace;
        // Read the references after listing what is old: a row committed after this read refers to bytes put (or
        // touched) within the grace, which the store's own check below keeps.
        var old = new List<string>();
        await foreach (var stored in files.ListAsync(ct))
            if (stored.TouchedAt < cutoff) old.Add(stored.Key);
        var referenced = await attachments.ReferencedKeysAsync(ct);
        var deleted = 0;
        foreach (var key in old)
            if (!referenced.Contains(key) && !expired.Contains(key) && await files.DeleteIfUntouchedSinceAsync(key, cutoff, ct)) deleted++;
        var abandoned = await files.DeleteAbandonedWritesAsync(cutoff, ct);
        return new FileSweep(deleted, expired.Count, abandoned);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var sweep = await SweepAsync(stoppingToken);
                    if (sweep.Files + sweep.Uploads + sweep.AbandonedWrites > 0) LogSwept(sweep.Files, sweep.Uploads, sweep.AbandonedWrites);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {Files} unreferenced files, {Uploads} expired uploads and {Abandoned} abandoned writes")]
    private partial void LogSwept(int files, int uploads, int abandoned);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping the file store failed")]
    private partial void LogFailed(Exception ex);
}

public sealed record FileSweep(int Files, int Uploads, int AbandonedWrites);
