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

    /// <summary>What each channel type can carry; empty until loaded (or when the server did not say).</summary>
    public IReadOnlyList<ChannelTypeDto> ChannelTypes { get; private set; } = [];

    /// <summary>False only when the channel type is known not to carry files (the server refuses them too).</summary>
    public bool CarriesFiles(string channelType) =>
        ChannelTypes.FirstOrDefault(t => t.Type == channelType) is not { } type || type.Capabilities.Contains("attachments");

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
            try
            {
                ChannelTypes = await api.GetChannelTypesAsync();
            }
            catch (Exception ex) when (ex is HttpRequestException or ApiException)
            {
                // Only the composer's paperclip uses it; the server still refuses what a channel cannot carry.
            }
        }
        catch
        {
            _loading = null; // try again next time
            throw;
        }
    }
}
