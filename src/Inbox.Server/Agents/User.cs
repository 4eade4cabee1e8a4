namespace Inbox.Server.Agents;

/// <summary>An agent or admin of the console (a row of <c>users</c>).</summary>
public sealed class User
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Contracts.Roles.Agent;
    public string PasswordHash { get; set; } = "";
    public bool Disabled { get; set; }
    /// <summary>As stored: "online" or "away".</summary>
    public string Availability { get; set; } = "online";
    public DateTimeOffset CreatedAt { get; set; }

    public Contracts.AgentAvailability AvailabilityChoice => Data.DbEnum.Parse<Contracts.AgentAvailability>(Availability);
}
