namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Retries an assertion until it holds (for work a service starts without awaiting it).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Action assertion, int timeoutMs = 2000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }
    }
}
