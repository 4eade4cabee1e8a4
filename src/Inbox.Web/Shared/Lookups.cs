using Inbox.Contracts;
using Inbox.Web.Api;

namespace Inbox.Web.Shared;

/// <summary>Agents, teams and channels, loaded once per session (they change rarely).</summary>
public sealed class Lookups(InboxApiClient api)
{
    private Task? _loading;

    public IReadOnlyList<UserDto> Users { get; private set; } = [];

    public IReadOnlyList<TeamDto> Teams { get; private set; } = [];

    public IReadOnlyList<ChannelDto> Channels { get; private set; } = [];

    public Task EnsureLoadedAsync() => _loading ??= LoadAsync();

    public void Invalidate() => _loading = null;

    public ChannelDto? Channel(long? id) => id is null ? null : Channels.FirstOrDefault(c => c.Id == id);

    private async Task LoadAsync()
    {
        try
        {
            var users = api.GetUsersAsync();
            var teams = api.GetTeamsAsync();
            var channels = api.GetChannelsAsync();
            Users = (await users).Where(u => !u.Disabled).OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
            Teams = await teams;
            Channels = await channels;
        }
        catch
        {
            _loading = null; // try again next time
            throw;
        }
    }
}
