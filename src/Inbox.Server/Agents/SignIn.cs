using Microsoft.AspNetCore.Identity;

namespace Inbox.Server.Agents;

/// <summary>
/// Checks an email and password. Every attempt costs the same: an unknown email is verified against a dummy hash
/// made by the same hasher, so the answer's timing does not tell which emails have accounts (measured in bench/).
/// </summary>
public sealed class SignIn(UserStore users, IPasswordHasher<User> hasher, SignInThrottle throttle)
{
    private readonly string _dummyHash = hasher.HashPassword(new User(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    /// <summary>The user; or no user, with how long to wait when throttled and null when the credentials were wrong.</summary>
    public async Task<(User? User, TimeSpan? RetryAfter)> CheckAsync(string email, string password, string address, CancellationToken ct)
    {
        if (throttle.Attempt(email, address) is { } wait) return (null, wait);
        var user = await users.FindByEmailAsync(email, ct);
        var verdict = hasher.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? _dummyHash, password);
        if (user is null || user.Disabled || verdict == PasswordVerificationResult.Failed) return (null, null);
        throttle.Succeeded(email, address);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
        }
        return (user, null);
    }
}
