namespace Inbox.Tests.Infrastructure;

/// <summary>A test class on a <see cref="SharedInbox"/>: each test gets its own API channel, so it sees only its own threads.</summary>
public abstract class SharedInboxTest(SharedInbox shared) : IClassFixture<SharedInbox>, IAsyncLifetime
{
    protected InboxAppFactory App { get; } = shared.App;
    protected HttpClient Admin { get; } = shared.Admin;
    protected string AdminToken { get; } = shared.AdminToken;
    protected ApiChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync() => Channel = await App.CreateApiChannelAsync(Admin, name: $"Shop {Guid.NewGuid():N}");

    public Task DisposeAsync() => Task.CompletedTask;
}
