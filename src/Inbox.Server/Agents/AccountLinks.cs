using System.Net.Mail;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Agents;

/// <summary>
/// Invitations and password resets by mail. Links carry the token in the fragment (<c>#token=</c>), so it reaches neither
/// server logs nor a proxy's; the console posts it back. Reset links are built only from the configured public URL:
/// from a request's Host header anyone could have a victim mailed a link to their own site.
/// </summary>
public sealed partial class AccountLinks(
    UserStore users,
    AccountTokenStore tokens,
    SessionStore sessions,
    ILiveConnections live,
    SystemMailer mailer,
    IPasswordHasher<User> hasher,
    IOptions<SystemMailOptions> mail,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time,
    ILogger<AccountLinks> log)
{
    public const string InvitationPath = "/invitation";
    public const string ResetPath = "/reset-password";

    /// <summary>A reset can be offered when mail is configured and links have a fixed public address.</summary>
    public bool ResetsAvailable => mailer.IsConfigured && !string.IsNullOrWhiteSpace(webhooks.Value.PublicBaseUrl);

    public async Task<Outcome<UserDto>> InviteAsync(InviteUserRequest request, long inviterId, string requestBase, CancellationToken ct)
    {
        if (!mailer.IsConfigured) return Outcome<UserDto>.Conflict("No system mail is configured (Inbox:Mail:Host): create the agent with a password instead.");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Email) || !MailAddress.TryCreate(request.Email.Trim(), out _)) errors["email"] = ["A valid email is required."];
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > 100) errors["displayName"] = ["A display name of 1 to 100 characters is required."];
        if (request.Role is not (Roles.Admin or Roles.Agent)) errors["role"] = [$"Role must be {Roles.Admin} or {Roles.Agent}."];
        if (errors.Count > 0) return Outcome<UserDto>.Invalid(errors);

        var now = time.GetUtcNow();
        var email = request.Email.Trim();
        var name = request.DisplayName.Trim();
        // Nobody knows this password: the account is unusable until the invitation sets one.
        var unusable = hasher.HashPassword(new User { Email = email }, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var user = await users.CreateAsync(email, name, request.Role, unusable, now, ct);
        if (user is null) return Outcome<UserDto>.Conflict("A user with this email already exists.");

        var validFor = mail.Value.InvitationValidFor;
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.Invitation, now + validFor, now, ct);
        var inviter = (await users.GetAsync(inviterId, ct))?.DisplayName ?? "Inbox";
        var (subject, body) = AccountMailText.Invitation(request.Language, inviter, name, Link(requestBase, InvitationPath, token), validFor);
        try
        {
            await mailer.SendAsync(email, subject, body, ct);
        }
        catch (SystemMailException ex)
        {
            // The invitation never left: no half-made account stays behind.
            await users.DeleteAsync(user.Id, ct);
            LogMailFailed(ex, user.Id);
            return Outcome<UserDto>.Unavailable($"The invitation could not be mailed: {ex.Message}");
        }
        LogInvited(user.Id, inviterId);
        return Outcome<UserDto>.Ok(UserStore.ToDto(user, []));
    }

    /// <summary>Sets the invited user's password and answers with them (the caller signs them in).</summary>
    public async Task<Outcome<User>> AcceptAsync(AcceptInvitationRequest request, CancellationToken ct)
    {
        if (PasswordProblem(request.Password) is { } problem) return Outcome<User>.Invalid("password", problem);
        var userId = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.Invitation, time.GetUtcNow(), ct);
        if (userId is null || await users.GetAsync(userId.Value, ct) is not { Disabled: false } user)
            return Outcome<User>.Invalid("token", "This invitation link is not valid: it was used already or has expired. Ask an admin for a new one.");
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        await users.UpdatePasswordHashAsync(user.Id, user.PasswordHash, ct);
        LogAccepted(user.Id);
        return Outcome<User>.Ok(user);
    }

    /// <summary>Always the same answer, known address or not, so the form cannot tell who has an account.</summary>
    public async Task ForgotAsync(ForgotPasswordRequest request, CancellationToken ct)
    {
        if (!ResetsAvailable || string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 320) return;
        var user = await users.FindByEmailAsync(request.Email.Trim(), ct);
        if (user is null || user.Disabled) return;
        var now = time.GetUtcNow();
        var validFor = mail.Value.PasswordResetValidFor;
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.PasswordReset, now + validFor, now, ct);
        var (subject, body) = AccountMailText.PasswordReset(request.Language, user.DisplayName, Link(webhooks.Value.PublicBaseUrl!, ResetPath, token), validFor);
        try
        {
            await mailer.SendAsync(user.Email, subject, body, ct);
            LogResetMailed(user.Id);
        }
        catch (SystemMailException ex)
        {
            LogMailFailed(ex, user.Id);
        }
    }

    /// <summary>A new password from a reset link; every session of the user ends (whoever had it is signed out).</summary>
    public async Task<Outcome<bool>> ResetAsync(ResetPasswordRequest request, CancellationToken ct)
    {
        if (PasswordProblem(request.NewPassword) is { } problem) return Outcome<bool>.Invalid("newPassword", problem);
        var userId = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.PasswordReset, time.GetUtcNow(), ct);
        if (userId is null || await users.GetAsync(userId.Value, ct) is not { Disabled: false } user)
            return Outcome<bool>.Invalid("token", "This reset link is not valid: it was used already or has expired. Ask for a new one.");
        await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, request.NewPassword), ct);
        await sessions.DeleteForUserAsync(user.Id, keep: null, ct);
        live.CloseUser(user.Id);
        LogReset(user.Id);
        return Outcome<bool>.Ok(true);
    }

    private static string? PasswordProblem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < 8 ? "The password needs at least 8 characters." : null;

    private string Link(string requestBase, string path, string token)
    {
        var root = string.IsNullOrWhiteSpace(webhooks.Value.PublicBaseUrl) ? requestBase : webhooks.Value.PublicBaseUrl;
        return $"{root.TrimEnd('/')}{path}#token={token}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} invited by {InviterId}")]
    private partial void LogInvited(long userId, long inviterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} accepted their invitation")]
    private partial void LogAccepted(long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset mailed to user {UserId}")]
    private partial void LogResetMailed(long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reset their password by mail")]
    private partial void LogReset(long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to user {UserId} could not be sent")]
    private partial void LogMailFailed(Exception ex, long userId);
}
