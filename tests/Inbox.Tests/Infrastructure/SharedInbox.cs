namespace Inbox.Tests.Infrastructure;

/// <summary>
/// One server for a whole test class (a server start costs more than most scenarios). Tests sharing it make their own
/// data (their own channel, senders nobody else uses) and look only at that, so none depends on another's rows.
/// </summary>
public sealed class SharedInbox : IAsyncLifetime
{
    public InboxAppFactory App { get; } = new();

    /// <summary>The first admin's bearer client.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The first admin's API token, for live hub connections (sign-ins are rate limited).</summary>
    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        AdminToken = await App.AdminTokenAsync();
        Admin = App.BearerClient(AdminToken);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
