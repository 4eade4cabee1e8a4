using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Platform;

/// <summary>
/// A channel type that exists only in tests, built on the platform's contracts exactly as a real connector is: a
/// webhook signed with HMAC-SHA256 of the body (header X-Test-Signature), and a listener that pulls numbered updates
/// from a <see cref="TestSource"/> the way Telegram's getUpdates does, resuming from the committed cursor.
/// </summary>
public sealed class TestChannel(TestSource source) : IChannelConnector, IWebhookReceiver, IChannelListener
{
    public const string Type = "test";
    public const string SigningSecret = "signingSecret";
    public const string SignatureHeader = "X-Test-Signature";

    public static void Register(IServiceCollection services, TestSource source)
    {
        var channel = new TestChannel(source);
        services.AddKeyedSingleton<IChannelConnector>(Type, channel);
        services.AddKeyedSingleton<IWebhookReceiver>(Type, channel);
        services.AddKeyedSingleton<IChannelListener>(Type, channel);
    }

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public string ChannelType => Type;
    public LocalizedText DisplayName { get; } = new("Test", "Prueba");
    public ChannelCapabilities Capabilities => ChannelCapabilities.Text | ChannelCapabilities.Attachments;
    public const long AttachmentLimit = 64 * 1024;
    public long MaxAttachmentBytes => AttachmentLimit;
    public ChannelSettingsSchema Schema { get; } = new([new(SigningSecret, SettingKind.Secret, new("Signing secret", "Secreto de firma"))]);
    public bool CanReach(IdentityKind kind) => kind == IdentityKind.External;
    public async Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        var files = new List<SentFile>();
        foreach (var a in message.Attachments)
        {
            await using var content = await a.OpenAsync(ct);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, ct);
            files.Add(new SentFile(a.FileName, a.ContentType, a.Size, copy.ToArray()));
        }
        if (source.SendGates.TryGetValue(message.Text, out var gate)) await gate.Task.WaitAsync(ct);
        source.Sent.Enqueue(new SentMessage(message, files));
        return SendResult.Sent(message.IdempotencyKey);
    }
    public Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct) => Task.FromResult(new ConnectionTestResult(true, "ok"));

    public WebhookVerdict Verify(ChannelContext channel, WebhookRequest request)
    {
        var secret = channel.Secret(SigningSecret);
        if (secret is null) return WebhookVerdict.Refuse(403, "No signing secret configured.");
        var presented = request.Header(SignatureHeader);
        if (presented is null) return WebhookVerdict.Refuse(401, "Missing signature.");
        var expected = Sign(secret, request.BodyText);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented))
            ? WebhookVerdict.Accept : WebhookVerdict.Refuse(403, "Bad signature.");
    }

    public WebhookParse Parse(ChannelContext channel, WebhookRequest request)
    {
        try
        {
            var updates = JsonSerializer.Deserialize<List<TestUpdate>>(request.Body.Span, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            if (updates is null || updates.Any(u => string.IsNullOrEmpty(u.Id))) return WebhookParse.Malformed("id", "Every update needs an id.");
            return WebhookParse.Of(Map(channel.ChannelId, updates, request.ReceivedAt));
        }
        catch (JsonException)
        {
            return WebhookParse.Malformed("body", "Not JSON.");
        }
    }

    public WebhookResponse Acknowledge(ChannelContext channel, ChannelInput input, IReadOnlyList<InboundReceipt> receipts) =>
        new(200, "text/plain", string.Join(",", receipts.Select(r => r.Duplicate ? "dup" : r.MessageId.ToString(CultureInfo.InvariantCulture))));

    public async Task ListenAsync(ChannelContext channel, IChannelInputSink sink, CancellationToken ct)
    {
        using var _ = source.Enter(channel.ChannelId, sink.Cursor);
        var offset = long.Parse(sink.Cursor ?? "0", CultureInfo.InvariantCulture);
        while (true)
        {
            var batch = await source.FetchAsync(offset, ct);
            sink.ReportHealthy();
            if (batch.Count == 0) continue;
            var last = batch[^1].Offset;
            await sink.CommitAsync(Map(channel.ChannelId, batch.Select(b => b.Update).ToList(), DateTimeOffset.UtcNow), last.ToString(CultureInfo.InvariantCulture), ct);
            offset = last;
        }
    }

    private static ChannelInput Map(long channelId, IReadOnlyList<TestUpdate> updates, DateTimeOffset at)
    {
        var messages = new List<InboundMessage>();
        var reports = new List<DeliveryReport>();
        foreach (var u in updates)
        {
            if (u.Status is { } status) reports.Add(new DeliveryReport(channelId, u.Id!, Enum.Parse<DeliveryStatus>(status, ignoreCase: true), at));
            else
            {
                ChannelAddress.TryExternal(channelId, u.From ?? "anon", out var from);
                messages.Add(new InboundMessage(channelId, u.Id!, from, null, u.Text ?? "", u.SentAt ?? at)
                {
                    Attachments = (u.Files ?? []).Select(f => Attachment(f)).ToList(),
                    ReplyTo = u.ReplyTo ?? [],
                });
            }
        }
        return new ChannelInput { Messages = messages, Reports = reports };
    }

    private static InboundAttachment Attachment(TestFile file)
    {
        var bytes = Convert.FromBase64String(file.Base64);
        return new InboundAttachment(file.Name, file.Type, bytes.Length, _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)));
    }
}

public sealed record TestUpdate(string? Id, string? From, string? Text, string? Status = null)
{
    public IReadOnlyList<TestFile>? Files { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public IReadOnlyList<string>? ReplyTo { get; init; }
}

/// <summary>A file on a test update, as a provider's payload may carry one: claimed name and type, and the bytes.</summary>
public sealed record TestFile(string Name, string Type, string Base64);

public sealed record SentFile(string FileName, string ContentType, long Size, byte[] Bytes);

/// <summary>What the test channel was handed to send, with every attachment's bytes read through its stream.</summary>
public sealed record SentMessage(OutboundMessage Message, IReadOnlyList<SentFile> Files);

/// <summary>The upstream a listener polls: numbered updates, like a provider's queue; records who listened from where.</summary>
public sealed class TestSource
{
    private readonly List<(long Offset, TestUpdate Update)> _updates = [];
    private readonly ConcurrentDictionary<long, int> _listening = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public int MaxConcurrentListeners { get; private set; }

    /// <summary>Every message the channel was asked to send, in order.</summary>
    public ConcurrentQueue<SentMessage> Sent { get; } = new();

    /// <summary>A reply with this text is held in the middle of its send (the provider has it, we have not recorded
    /// its id) until the test completes the gate.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> SendGates { get; } = new();

    /// <summary>The cursor each listener start began from, in order.</summary>
    public ConcurrentQueue<string?> StartedFrom { get; } = new();

    public void Add(params TestUpdate[] updates)
    {
        lock (_updates)
        {
            foreach (var u in updates) _updates.Add((_updates.Count + 1, u));
        }
        _arrived.Release();
    }

    public async Task<IReadOnlyList<(long Offset, TestUpdate Update)>> FetchAsync(long after, CancellationToken ct)
    {
        lock (_updates)
        {
            var due = _updates.Where(u => u.Offset > after).ToList();
            if (due.Count > 0) return due;
        }
        // A long poll: wake on new updates, or look again shortly (several listeners may wait on one source).
        await _arrived.WaitAsync(TimeSpan.FromMilliseconds(50), ct);
        return [];
    }

    public IDisposable Enter(long channelId, string? cursor)
    {
        StartedFrom.Enqueue(cursor);
        var now = _listening.AddOrUpdate(channelId, 1, (_, n) => n + 1);
        lock (_updates) MaxConcurrentListeners = Math.Max(MaxConcurrentListeners, now);
        return new Exit(() => _listening.AddOrUpdate(channelId, 0, (_, n) => n - 1));
    }

    private sealed class Exit(Action exit) : IDisposable
    {
        public void Dispose() => exit();
    }
}
