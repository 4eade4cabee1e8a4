using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Live;

/// <summary>
/// Reconnect delays for the agent hub: at once, then ½ s, 1 s, and every 2 s (plus up to ½ s of jitter so a restart
/// does not bring every console back in the same instant), so a console is live again within about 2.5 s of the
/// server answering. After <see cref="GiveUpAfter"/> SignalR's reconnect stops and the connection's health probe
/// takes over (<see cref="AgentHubConnection"/>).
/// </summary>
internal sealed class LiveRetryPolicy(Random? random = null) : IRetryPolicy
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(2_500);

    private static readonly TimeSpan[] First = [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        if (retryContext.ElapsedTime >= GiveUpAfter)
        {
            return null;
        }
        return retryContext.PreviousRetryCount < First.Length
            ? First[retryContext.PreviousRetryCount]
            : TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(_random.Next(0, 500));
    }
}
