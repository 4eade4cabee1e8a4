using Inbox.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests.Live;

public sealed class LiveRetryPolicyTests
{
    [Fact]
    public void Retries_at_once_then_never_waits_more_than_two_and_a_half_seconds_until_it_hands_over_to_the_health_probe()
    {
        var policy = new LiveRetryPolicy(new Random(7));

        Assert.Equal(TimeSpan.Zero, policy.NextRetryDelay(Context(0, TimeSpan.Zero)));
        var delays = Enumerable.Range(1, 299).Select(n => policy.NextRetryDelay(Context(n, TimeSpan.FromSeconds(n * 2)))).ToList();

        Assert.All(delays, d => Assert.InRange(d!.Value, TimeSpan.FromMilliseconds(500), LiveRetryPolicy.MaxDelay));
        Assert.Null(policy.NextRetryDelay(Context(301, LiveRetryPolicy.GiveUpAfter)));
        // Three tries within the first 1.5 s of an outage (a restart is usually back by then).
        Assert.Equal(1.5, delays.Take(2).Sum(d => d!.Value.TotalSeconds));
    }

    private static RetryContext Context(int retries, TimeSpan elapsed) => new() { PreviousRetryCount = retries, ElapsedTime = elapsed };
}
