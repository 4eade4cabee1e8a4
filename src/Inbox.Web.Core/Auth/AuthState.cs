using Inbox.Contracts;
using Inbox.Web.Api;

namespace Inbox.Web.Auth;

/// <summary>Who is signed in. Loaded once from /api/auth/me; cleared on logout or on any 401.</summary>
public sealed class AuthState
{
    private readonly InboxApiClient _api;
    private Task<UserDto?>? _loading;

    public AuthState(InboxApiClient api)
    {
        _api = api;
        _api.Unauthorized += OnUnauthorized;
    }

    public UserDto? User { get; private set; }

    public bool IsAuthenticated => User is not null;

    public bool IsAdmin => string.Equals(User?.Role, Roles.Admin, StringComparison.OrdinalIgnoreCase);

    /// <summary>Raised when the user signs in, out, or the session expires.</summary>
    public event Action? Changed;

    /// <summary>Returns the current user, asking the server the first time (and after a 401).</summary>
    public Task<UserDto?> EnsureLoadedAsync()
    {
        if (User is not null)
        {
            return Task.FromResult<UserDto?>(User);
        }
        return _loading ??= LoadAsync();
    }

    public async Task<bool> LoginAsync(string email, string password, bool rememberMe = false)
    {
        var user = await _api.LoginAsync(email, password, rememberMe);
        if (user is null)
        {
            return false;
        }
        Set(user);
        return true;
    }

    /// <summary>An invited user chose their password from the mailed link and is now signed in.</summary>
    public async Task AcceptInvitationAsync(string token, string password) => Set(await _api.AcceptInvitationAsync(token, password));

    public async Task LogoutAsync()
    {
        try
        {
            await _api.LogoutAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            // The cookie is dropped server-side when reachable; locally we forget the user either way.
        }
        Set(null);
    }

    /// <summary>Signs this user out on every device (a lost laptop, a shared computer).</summary>
    public async Task LogoutEverywhereAsync()
    {
        try
        {
            await _api.LogoutEverywhereAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            // Locally we forget the user either way.
        }
        Set(null);
    }

    private async Task<UserDto?> LoadAsync()
    {
        try
        {
            var user = await _api.GetMeAsync();
            if (user is not null)
            {
                await _api.RefreshAntiforgeryAsync();
            }
            Set(user);
            return user;
        }
        finally
        {
            _loading = null;
        }
    }

    private void OnUnauthorized()
    {
        if (User is not null)
        {
            Set(null);
        }
    }

    private void Set(UserDto? user)
    {
        if (user is null && User is null)
        {
            return;
        }
        User = user;
        Changed?.Invoke();
    }
}
