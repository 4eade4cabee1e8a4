namespace Inbox.Server.Conversations;

/// <summary>Reopens snoozed conversations when their time comes.</summary>
public sealed partial class SnoozeWaker(ConversationCommands commands, TimeProvider time, ILogger<SnoozeWaker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    var woken = await commands.WakeDueAsync(stoppingToken);
                    if (woken > 0) LogWoken(woken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Reopened {Count} snoozed conversations")]
    private partial void LogWoken(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking snoozed conversations failed")]
    private partial void LogFailed(Exception ex);
}
