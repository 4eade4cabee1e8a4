using System.Globalization;
using System.Net;
using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// SMS or WhatsApp through one Twilio account, with Twilio's own SDK. Replies go out as Messages API calls carrying the
/// outbox's idempotency key as <c>I-Twilio-Idempotency-Token</c> and the channel's webhook as StatusCallback; 429 and
/// 5xx are retried (a named Retry-After honoured), any other 4xx is final with Twilio's code and message.
/// </summary>
public sealed class TwilioConnector(string channelType, TwilioApi api) : IChannelConnector, IReplyWindowChannel
{
    public const string WhatsAppPrefix = "whatsapp:";

    public bool IsWhatsApp => channelType == ChannelTypes.WhatsApp;

    public string ChannelType => channelType;

    public LocalizedText DisplayName => IsWhatsApp ? new("WhatsApp (Twilio)", "WhatsApp (Twilio)") : new("SMS (Twilio)", "SMS (Twilio)");

    public ChannelCapabilities Capabilities => IsWhatsApp
        ? ChannelCapabilities.Text | ChannelCapabilities.Attachments | ChannelCapabilities.DeliveryReceipts | ChannelCapabilities.ReadReceipts
          | ChannelCapabilities.Templates | ChannelCapabilities.ReplyWindow
        : ChannelCapabilities.Text | ChannelCapabilities.Attachments | ChannelCapabilities.DeliveryReceipts;

    public ChannelSettingsSchema Schema { get; } = TwilioSettings.Schema(channelType == ChannelTypes.WhatsApp);

    /// <summary>WhatsApp carries media up to 16 MB, MMS up to 5 MB.</summary>
    public long MaxAttachmentBytes => IsWhatsApp ? 16 * 1024 * 1024 : 5 * 1024 * 1024;

    /// <summary>WhatsApp's customer-service window. SMS has none (this value is only read for WhatsApp channels).</summary>
    public TimeSpan ReplyWindow => IsWhatsApp ? TimeSpan.FromHours(24) : TimeSpan.MaxValue;

    public IReadOnlyList<MessageTemplate> Templates(ChannelContext channel) =>
        IsWhatsApp ? TwilioTemplates.Parse(channel.Setting(TwilioSettings.Templates)) : [];

    public bool CanReach(IdentityKind kind) => kind == IdentityKind.Phone;

    public async Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        if (!TwilioAccount.TryRead(channel, out var account, out var problem)) return SendResult.Rejected(problem);
        if (account.From is null && account.MessagingServiceSid is null)
            return SendResult.Rejected("The channel has neither a sender number nor a Messaging Service SID.");
        if (message.To.Kind != IdentityKind.Phone) return SendResult.Rejected($"Twilio cannot reach a {message.To.Kind} address.");
        if (message.Attachments.FirstOrDefault(a => a.PublicUrl is null) is { } unreachable)
            return SendResult.Rejected($"\"{unreachable.FileName}\" cannot be sent: Twilio fetches media from a public URL, and the server has no public base URL (Inbox:Webhooks:PublicBaseUrl).");

        var options = new CreateMessageOptions(new PhoneNumber(Address(message.To.Value)))
        {
            PathAccountSid = account.Sid,
            MessagingServiceSid = account.MessagingServiceSid,
            From = account.MessagingServiceSid is null ? new PhoneNumber(Address(account.From!)) : null,
            StatusCallback = channel.WebhookUrl is { } hook ? new Uri(hook) : null,
            MediaUrl = message.Attachments.Count > 0 ? message.Attachments.Select(a => a.PublicUrl!).ToList() : null,
        };
        if (message.Template is { } template)
        {
            options.ContentSid = template.ProviderId;
            if (template.Variables.Count > 0) options.ContentVariables = JsonSerializer.Serialize(template.Variables);
        }
        else if (message.Text.Length > 0) options.Body = message.Text;

        var (client, http) = api.Client(account, message.IdempotencyKey);
        try
        {
            var sent = await MessageResource.CreateAsync(options, client).WaitAsync(ct);
            return SendResult.Sent(sent.Sid);
        }
        catch (ApiException ex)
        {
            var status = ex.Status > 0 ? ex.Status : (int?)http.LastResponse?.StatusCode ?? 0;
            var reason = Reason(ex, status);
            if (status == (int)HttpStatusCode.TooManyRequests || status >= 500 || status == 0)
            {
                return RetryAfter(http.LastResponse) is { } after ? SendResult.RetryLater(reason, after) : SendResult.RetryLater(reason);
            }
            return SendResult.Rejected(reason);
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return SendResult.RetryLater($"Twilio unreachable: {ex.GetType().Name}");
        }
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct)
    {
        if (!TwilioAccount.TryRead(channel, out var account, out var problem)) return new(false, problem);
        var (client, _) = api.Client(account);
        try
        {
            var fetched = await AccountResource.FetchAsync(pathSid: account.Sid, client: client).WaitAsync(ct);
            var status = fetched.Status?.ToString() ?? "unknown";
            if (status != "active") return new(false, $"The Twilio account \"{fetched.FriendlyName}\" is {status}.");
            return channel.WebhookUrl is null
                ? new(true, $"Connected to Twilio account \"{fetched.FriendlyName}\", but the server has no public base URL (Inbox:Webhooks:PublicBaseUrl): Twilio cannot reach its webhooks or fetch reply files.")
                : new(true, $"Connected to Twilio account \"{fetched.FriendlyName}\". Paste {channel.WebhookUrl} as the number's incoming-message webhook (HTTP POST); delivery reports come back to it on their own.");
        }
        catch (ApiException ex)
        {
            return new(false, Reason(ex, ex.Status));
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new(false, "Twilio could not be reached.");
        }
    }

    /// <summary>E.164 on SMS; <c>whatsapp:+E.164</c> on WhatsApp (an address already prefixed is kept).</summary>
    public string Address(string phone)
    {
        var bare = phone.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? phone[WhatsAppPrefix.Length..] : phone;
        return IsWhatsApp ? WhatsAppPrefix + bare : bare;
    }

    /// <summary>"Twilio 21211: The 'To' number is not a valid phone number." — the code and message kept on a failed reply.
    /// Without Twilio's error body (a proxy's HTML page) only the status is kept, never the page.</summary>
    public static string Reason(ApiException ex, int status)
    {
        if (ex.Code <= 0) return $"Twilio answered HTTP {status.ToString(CultureInfo.InvariantCulture)}.";
        var message = ex.Message.Length <= 500 ? ex.Message : ex.Message[..500];
        return $"Twilio {ex.Code.ToString(CultureInfo.InvariantCulture)}: {message}";
    }

    private static TimeSpan? RetryAfter(global::Twilio.Http.Response? response)
    {
        var header = response?.Headers?.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero;
        return null;
    }
}
