using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>Gives back the units of reservations whose hold ran out (every node; each expiry is guarded, so once).</summary>
public sealed partial class ReservationExpirer(ReservationCommands commands, IOptions<CommerceOptions> options, TimeProvider time, ILogger<ReservationExpirer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, time);
        try
        {
            do
            {
                try
                {
                    var expired = await commands.ExpireDueAsync(stoppingToken);
                    if (expired > 0) LogExpired(expired);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} expired reservations")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring reservations failed")]
    private partial void LogFailed(Exception ex);
}
