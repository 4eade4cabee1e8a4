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
}
