namespace Inbox.Tests.Infrastructure;

/// <summary>Polls a condition that background work (outbox, pipeline) makes true, failing with its last value.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Condition not met in time; last value: {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(50);
        }
    }
}
