namespace Inbox.Server.Contacts;

/// <summary>Folds the names of contacts stored before <c>search_name</c> existed (migration 0008), once, at start-up,
/// before the server answers requests. A no-op query on every later start.</summary>
public sealed class ContactSearchBackfill(ContactStore contacts, ILogger<ContactSearchBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var total = 0;
        for (int filled; (filled = await contacts.FoldMissingSearchNamesAsync(500, ct)) > 0;) total += filled;
        if (total > 0) logger.LogInformation("Folded the names of {Count} contacts for search", total);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
