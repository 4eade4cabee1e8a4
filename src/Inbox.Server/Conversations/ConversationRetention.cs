using Dapper;
using Inbox.Server.Contacts;
using Inbox.Server.Data;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Conversations;

/// <summary>Erases resolved conversations older than <see cref="RetentionOptions.EraseResolvedAfter"/> (off by default),
/// through the same erasure as a contact's request, each with its audit row.</summary>
public sealed partial class ConversationRetention(
    IDbConnectionFactory db, PersonalDataErasure erasure, IOptions<RetentionOptions> options, TimeProvider time, ILogger<ConversationRetention> logger)
    : BackgroundService
{
    public async Task<int> EraseDueAsync(CancellationToken ct)
    {
        var keep = options.Value.EraseResolvedAfter;
        if (keep <= TimeSpan.Zero) return 0;
        var cutoff = time.GetUtcNow() - keep;
        var erased = 0;
        while (true)
        {
            IReadOnlyList<long> due;
            await using (var c = await db.OpenAsync(ct))
                due = (await c.QueryAsync<long>(new CommandDefinition(
                    "SELECT id FROM conversations WHERE status = 'resolved' AND last_activity_at < @Cutoff ORDER BY last_activity_at LIMIT 100",
                    new { Cutoff = cutoff }, cancellationToken: ct))).ToList();
            if (due.Count == 0) return erased;
            foreach (var id in due)
                if (await erasure.EraseConversationAsync(id, "retention", ct)) erased++;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.EraseResolvedAfter <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        try
        {
            do
            {
                try
                {
                    var erased = await EraseDueAsync(stoppingToken);
                    if (erased > 0) LogErased(erased);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased {Count} resolved conversations")]
    private partial void LogErased(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasing conversations past retention failed")]
    private partial void LogFailed(Exception ex);
}
