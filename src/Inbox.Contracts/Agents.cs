namespace Inbox.Contracts;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Agent = "Agent";
}

/// <summary><see cref="RememberMe"/>: the cookie outlives the browser session (14 days, renewed while used).</summary>
public sealed record LoginRequest(string Email, string Password, bool RememberMe = false);

/// <summary>What the console may offer: a password reset by mail on the sign-in page, invitations by mail to admins.</summary>
public sealed record AuthOptionsDto(bool PasswordReset, bool Invitations);

/// <summary>An admin invites an agent by mail; <see cref="Language"/> (es/en) is the mail's language.</summary>
public sealed record InviteUserRequest(string Email, string DisplayName, string Role, string? Language = null);

public sealed record AcceptInvitationRequest(string Token, string Password);

public sealed record ForgotPasswordRequest(string Email, string? Language = null);

public sealed record ResetPasswordRequest(string Token, string NewPassword);

/// <summary><see cref="Availability"/>: the agent's own Online/Away choice (what others see is <see cref="AgentStatusDto"/>).</summary>
public sealed record UserDto(long Id, string Email, string DisplayName, string Role, IReadOnlyList<long> TeamIds, bool Disabled,
    AgentAvailability Availability = AgentAvailability.Online);

public sealed record CreateUserRequest(string Email, string DisplayName, string Role, string Password);

public sealed record TeamDto(long Id, string Name, IReadOnlyList<long> MemberIds);

public sealed record CreateTeamRequest(string Name, IReadOnlyList<long>? MemberIds);

/// <summary>Renames a team and/or replaces its members; absent fields are unchanged.</summary>
public sealed record UpdateTeamRequest(string? Name, IReadOnlyList<long>? MemberIds);

public sealed record ApiTokenDto(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

public sealed record CreateApiTokenRequest(string Name);

/// <summary>The token is shown once; only its hash is stored.</summary>
public sealed record ApiTokenCreatedDto(ApiTokenDto Token, string Secret);

public sealed record AntiforgeryTokenDto(string HeaderName, string Token);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>Admin edit of a user; absent fields are unchanged. A new password replaces the old one (reset).</summary>
public sealed record UpdateUserRequest(string? DisplayName = null, string? Role = null, bool? Disabled = null, string? Password = null);
