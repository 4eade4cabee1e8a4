using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Messaging;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Channels;

public sealed class ChannelStore(IDbConnectionFactory db, ChannelSecrets secrets, IOptions<MessagingOptions> messaging, IOptions<WebhookOptions> webhooks)
{
    private const string Columns = """
        id, type, name, settings, secrets, inbound_token_hash, webhook_key, enabled, retired_inbound_token_hash, retired_secrets,
        retired_until, archived_at, created_at, updated_at
        """;

    public async Task<Channel?> GetAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetAsync(c, null, id, ct);
    }

    public async Task<Channel?> GetAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<Channel>(new CommandDefinition($"SELECT {Columns} FROM channels WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));

    public async Task<Channel?> GetByWebhookKeyAsync(string key, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Channel>(new CommandDefinition($"SELECT {Columns} FROM channels WHERE webhook_key = @Key", new { Key = key }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Channel>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Channel>(new CommandDefinition($"SELECT {Columns} FROM channels ORDER BY name, id", cancellationToken: ct))).ToList();
    }

    public async Task<Channel> CreateAsync(string type, string name, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secretValues, string? inboundTokenHash, DateTimeOffset now, CancellationToken ct)
    {
        var channel = new Channel
        {
            Type = type, Name = name.Trim(), Settings = JsonSerializer.Serialize(settings), Secrets = secrets.Protect(secretValues),
            InboundTokenHash = inboundTokenHash, WebhookKey = NewWebhookKey(), Enabled = true, CreatedAt = now, UpdatedAt = now,
        };
        await using var c = await db.OpenAsync(ct);
        channel.Id = await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO channels (type, name, settings, secrets, inbound_token_hash, webhook_key, enabled, created_at, updated_at)
            VALUES (@Type, @Name, @Settings, @Secrets, @InboundTokenHash, @WebhookKey, TRUE, @CreatedAt, @UpdatedAt)
            RETURNING id
            """, channel, cancellationToken: ct));
        return channel;
    }

    public async Task UpdateAsync(Channel channel, DateTimeOffset now, CancellationToken ct)
    {
        channel.UpdatedAt = now;
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE channels SET name = @Name, settings = @Settings, secrets = @Secrets, inbound_token_hash = @InboundTokenHash,
                enabled = @Enabled, retired_inbound_token_hash = @RetiredInboundTokenHash, retired_secrets = @RetiredSecrets,
                retired_until = @RetiredUntil, archived_at = @ArchivedAt, updated_at = @UpdatedAt
            WHERE id = @Id
            """, channel, cancellationToken: ct));
    }

    /// <summary>192 random bits, hex: a provider's webhook URL names its channel without a guessable id.</summary>
    public static string NewWebhookKey() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public static IReadOnlyDictionary<string, string> SettingsOf(Channel channel) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(channel.Settings) ?? [];

    public IReadOnlyDictionary<string, string> SecretsOf(Channel channel) => secrets.Unprotect(channel.Secrets);

    /// <summary>What a connector gets: settings and decrypted secrets.</summary>
    public ChannelContext ContextOf(Channel channel) => new(channel.Id, channel.Name, SettingsOf(channel), SecretsOf(channel))
    {
        InboundTokenHash = channel.InboundTokenHash,
        DefaultPhoneRegion = messaging.Value.DefaultPhoneRegion,
        MaxTextLength = messaging.Value.MaxTextLength,
        WebhookUrl = webhooks.Value.WebhookUrl(channel.WebhookKey),
        Retired = channel.RetiredUntil is { } until
            ? new RetiredCredentials(channel.RetiredInboundTokenHash, secrets.Unprotect(channel.RetiredSecrets), until)
            : null,
    };

    public ChannelDto ToDto(Channel channel) => new(channel.Id, channel.Type, channel.Name, channel.Enabled, SettingsOf(channel),
        SecretsOf(channel).Keys.Order(StringComparer.Ordinal).ToList(), channel.CreatedAt)
    {
        RetiredUntil = channel.RetiredUntil,
        ArchivedAt = channel.ArchivedAt,
    };
}
