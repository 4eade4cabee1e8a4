using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Api;

namespace Inbox.Server.Channels;

/// <summary>
/// Admin changes to channels. Settings are checked against the connector's own schema; what the server issues (an
/// inbound token, generated secrets) is returned once and kept only hashed or encrypted.
/// </summary>
public sealed partial class ChannelCommands(
    ChannelStore store,
    ChannelCache cache,
    ChannelSecrets protector,
    ChannelConnectors connectors,
    TimeProvider time,
    ILogger<ChannelCommands> log)
{
    public const string InboundTokenPrefix = "inbox_ch_";

    /// <summary>Generated secrets sign or verify webhooks; the prefix makes them recognisable in an integrator's configuration.</summary>
    public const string GeneratedSecretPrefix = "whsec_";

    public const int MaxNameLength = 100;

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public async Task<Outcome<ChannelCreatedDto>> CreateAsync(CreateChannelRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IsName(request.Name)) errors["name"] = [NameProblem];
        var connector = string.IsNullOrWhiteSpace(request.Type) ? null : connectors.Connector(request.Type);
        if (connector is null)
        {
            var shown = request.Type is { Length: > 50 } longType ? longType[..50] : request.Type;
            errors["type"] = [$"Unknown channel type '{shown}'. This server runs: {string.Join(", ", connectors.All.Select(c => c.ChannelType))}."];
            return Outcome<ChannelCreatedDto>.Invalid(errors);
        }
        var change = ChannelSettingsValidator.Apply(connector.Schema, connector.ChannelType, None, None, request.Settings, request.Secrets, creating: true);
        foreach (var (field, messages) in change.Errors) errors[field] = messages;
        if (errors.Count > 0) return Outcome<ChannelCreatedDto>.Invalid(errors);

        var generated = change.ToGenerate.ToDictionary(f => f.Key, _ => IssuedSecrets.New(GeneratedSecretPrefix), StringComparer.Ordinal);
        var secrets = change.Secrets.Concat(generated).ToDictionary(StringComparer.Ordinal);
        var inboundToken = connectors.Receiver(connector.ChannelType)?.IssuesInboundToken == true ? IssuedSecrets.New(InboundTokenPrefix) : null;
        var channel = await store.CreateAsync(connector.ChannelType, request.Name, change.Settings, secrets,
            inboundToken is null ? null : IssuedSecrets.Hash(inboundToken), time.GetUtcNow(), ct);
        LogCreated(channel.Type, channel.Id);
        return Outcome<ChannelCreatedDto>.Ok(new ChannelCreatedDto(store.ToDto(channel), inboundToken, generated));
    }

    public async Task<Outcome<ChannelDto>> UpdateAsync(long id, UpdateChannelRequest request, CancellationToken ct)
    {
        var channel = await store.GetAsync(id, ct);
        if (channel is null) return Outcome<ChannelDto>.NotFound("Channel");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Name is not null && !IsName(request.Name)) errors["name"] = [NameProblem];
        SettingsChange? change = null;
        if (request.Settings is not null || request.Secrets is not null)
        {
            if (connectors.Connector(channel.Type) is { } connector)
            {
                change = ChannelSettingsValidator.Apply(connector.Schema, channel.Type, ChannelStore.SettingsOf(channel), store.SecretsOf(channel),
                    request.Settings, request.Secrets, creating: false);
                foreach (var (field, messages) in change.Errors) errors[field] = messages;
            }
            else
            {
                errors["type"] = [$"No connector runs channel type '{channel.Type}': its settings cannot be changed."];
            }
        }
        if (errors.Count > 0) return Outcome<ChannelDto>.Invalid(errors);

        if (channel.ArchivedAt is not null && request.Enabled == true)
            return Outcome<ChannelDto>.Conflict("The channel is archived: it cannot be enabled again. Add a new channel instead.");

        if (request.Name is not null) channel.Name = request.Name.Trim();
        if (request.Enabled is { } enabled) channel.Enabled = enabled;
        if (change is not null)
        {
            channel.Settings = JsonSerializer.Serialize(change.Settings);
            if (request.Secrets is not null) channel.Secrets = protector.Protect(change.Secrets);
        }
        await store.UpdateAsync(channel, time.GetUtcNow(), ct);
        cache.Invalidate(channel.Id);
        return Outcome<ChannelDto>.Ok(store.ToDto(channel));
    }

    /// <summary>
    /// New inbound token and generated secrets, returned once; the replaced ones stay valid for the grace the admin chose
    /// (a webhook already in flight, an integration not yet redeployed), then are refused. A listener restarts with the
    /// new values (Telegram's setWebhook takes the new secret token) because the channel's update time changes.
    /// </summary>
    public async Task<Outcome<ChannelRotatedDto>> RotateAsync(long id, RotateChannelRequest request, CancellationToken ct)
    {
        var channel = await store.GetAsync(id, ct);
        if (channel is null) return Outcome<ChannelRotatedDto>.NotFound("Channel");
        if (channel.ArchivedAt is not null) return Outcome<ChannelRotatedDto>.Conflict("The channel is archived: nothing of it can be rotated.");
        var grace = request.GraceHours ?? DefaultGraceHours;
        if (grace is < 0 or > MaxGraceHours)
            return Outcome<ChannelRotatedDto>.Invalid("graceHours", $"Between 0 (refuse the old ones at once) and {MaxGraceHours} hours.");

        var connector = connectors.Connector(channel.Type);
        var current = store.SecretsOf(channel);
        var rotatable = connector?.Schema.Fields.Where(f => f.IsSecret && f.Generated && current.ContainsKey(f.Key)).Select(f => f.Key).ToList() ?? [];
        var issuesToken = connectors.Receiver(channel.Type)?.IssuesInboundToken == true;
        if (rotatable.Count == 0 && !issuesToken)
            return Outcome<ChannelRotatedDto>.Invalid("type",
                "Inbox issues no credentials for this channel: change the provider's own (token, password) in the channel's settings.");

        var now = time.GetUtcNow();
        var generated = rotatable.ToDictionary(key => key, _ => IssuedSecrets.New(GeneratedSecretPrefix), StringComparer.Ordinal);
        var inboundToken = issuesToken ? IssuedSecrets.New(InboundTokenPrefix) : null;

        channel.RetiredInboundTokenHash = issuesToken ? channel.InboundTokenHash : null;
        channel.RetiredSecrets = protector.Protect(rotatable.ToDictionary(key => key, key => current[key], StringComparer.Ordinal));
        channel.RetiredUntil = now.AddHours(grace);
        if (inboundToken is not null) channel.InboundTokenHash = IssuedSecrets.Hash(inboundToken);
        channel.Secrets = protector.Protect(current.Concat(generated).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal));
        await store.UpdateAsync(channel, now, ct);
        cache.Invalidate(channel.Id);
        LogRotated(channel.Id, grace);
        return Outcome<ChannelRotatedDto>.Ok(new ChannelRotatedDto(store.ToDto(channel), inboundToken, generated, channel.RetiredUntil.Value));
    }

    /// <summary>Deleting a channel archives it: inbound is refused and nothing more is sent, while its conversations,
    /// messages and contacts stay (they are the shop's history, and erased only through a contact's erasure).</summary>
    public async Task<Outcome<ChannelDto>> ArchiveAsync(long id, CancellationToken ct)
    {
        var channel = await store.GetAsync(id, ct);
        if (channel is null) return Outcome<ChannelDto>.NotFound("Channel");
        if (channel.ArchivedAt is null)
        {
            var now = time.GetUtcNow();
            channel.ArchivedAt = now;
            channel.Enabled = false;
            channel.RetiredInboundTokenHash = null;
            channel.RetiredSecrets = null;
            channel.RetiredUntil = null;
            await store.UpdateAsync(channel, now, ct);
            cache.Invalidate(channel.Id);
            LogArchived(channel.Id);
        }
        return Outcome<ChannelDto>.Ok(store.ToDto(channel));
    }

    public const int DefaultGraceHours = 24;
    public const int MaxGraceHours = 720;

    public async Task<Outcome<ConnectionTestResult>> TestAsync(long id, CancellationToken ct)
    {
        var channel = await store.GetAsync(id, ct);
        if (channel is null) return Outcome<ConnectionTestResult>.NotFound("Channel");
        return connectors.Connector(channel.Type) is { } connector
            ? Outcome<ConnectionTestResult>.Ok(await connector.TestConnectionAsync(store.ContextOf(channel), ct))
            : Outcome<ConnectionTestResult>.Invalid("type", $"No connector runs channel type '{channel.Type}'.");
    }

    private const string NameProblem = "A channel name of 1 to 100 characters is required.";

    private static bool IsName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= MaxNameLength;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {ChannelType} channel {ChannelId}")]
    private partial void LogCreated(string channelType, long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated the credentials of channel {ChannelId}; the old ones work for {GraceHours} h")]
    private partial void LogRotated(long channelId, int graceHours);

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived channel {ChannelId}")]
    private partial void LogArchived(long channelId);
}
