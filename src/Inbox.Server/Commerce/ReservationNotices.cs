using System.Globalization;
using System.Text;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Channels;
using Inbox.Server.Messaging;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>
/// A reservation reaches the people it concerns: the branch's contact email gets it as soon as it is held (through the
/// system mail account), and the customer is reminded on their channel <see cref="CommerceOptions.ReminderBefore"/> the
/// hold ends. Every node runs it; a node claims each notice with a guarded UPDATE before sending, so it goes once, and
/// gives the claim back when sending failed so the next round tries again. A reminder the channel refuses (a closed
/// WhatsApp window, say) becomes a private note for the agents instead.
/// </summary>
public sealed partial class ReservationNotices(
    ReservationStore reservations,
    CatalogueStore catalogue,
    CommerceSummary summary,
    ReplyService replies,
    SystemMailer mailer,
    IOptions<CommerceOptions> options,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time,
    ILogger<ReservationNotices> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, time);
        try
        {
            do
            {
                try
                {
                    await MailBranchesAsync(stoppingToken);
                    await RemindCustomersAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Mails each new reservation to its branch; without a system mail account the branch view is the only way.</summary>
    public async Task<int> MailBranchesAsync(CancellationToken ct)
    {
        if (!mailer.IsConfigured) return 0;
        var sent = 0;
        foreach (var id in await reservations.DueForBranchMailAsync(ct))
        {
            if (!await reservations.ClaimNoticeAsync(id, reminder: false, time.GetUtcNow(), ct)) continue;
            try
            {
                var r = (await reservations.GetDtoAsync(id, ct))!;
                await using var c = await catalogue.OpenAsync(ct);
                var location = (await catalogue.GetLocationAsync(c, null, r.LocationId, ct))!;
                var (subject, text) = BranchMail(r, location);
                await mailer.SendAsync(location.ContactEmail!, subject, text, ct);
                sent++;
            }
            catch (SystemMailException ex)
            {
                await reservations.ReturnNoticeAsync(id, reminder: false, CancellationToken.None);
                LogBranchMailFailed(id, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            }
        }
        return sent;
    }

    /// <summary>Reminds each customer whose hold ends within <see cref="CommerceOptions.ReminderBefore"/>, as a reply
    /// from the agent who reserved it, on the channel the customer last wrote on.</summary>
    public async Task<int> RemindCustomersAsync(CancellationToken ct)
    {
        var reminded = 0;
        foreach (var id in await reservations.DueForReminderAsync(time.GetUtcNow(), options.Value.ReminderBefore, ct))
        {
            if (!await reservations.ClaimNoticeAsync(id, reminder: true, time.GetUtcNow(), ct)) continue;
            if (await reservations.GetDtoAsync(id, ct) is not { ConversationId: { } conversationId, CreatedBy: { } agentId } r
                || await summary.ReminderAsync(r, ct) is not { } text) continue;
            // The agent who reserved it is the author; the system acts with every right, as the expiry does.
            var author = new Viewer(agentId, IsAdmin: true, []);
            var reply = await replies.ReplyAsync(author, conversationId, new ReplyRequest(text), ct);
            if (reply.Error is null)
            {
                reminded++;
                continue;
            }
            LogReminderRefused(id, reply.Error.ToString()!, reply.Field);
            await replies.NoteAsync(author, conversationId, new NoteRequest(
                $"Reminder for reservation {id} not sent: {reply.Message} / Recordatorio de la reserva {id} no enviado: {reply.Message}"), ct);
        }
        return reminded;
    }

    private (string Subject, string Text) BranchMail(ReservationDto r, LocationDto l)
    {
        var es = options.Value.Language != "en";
        var culture = CultureInfo.GetCultureInfo(es ? "es-ES" : "en-GB");
        var until = TimeZoneInfo.ConvertTime(r.ExpiresAt, options.Value.ShopTimeZone).ToString(es ? "dddd d 'de' MMMM, HH:mm" : "dddd d MMMM, HH:mm", culture);
        var who = r.ContactName ?? (es ? "un cliente" : "a customer");
        var what = $"{r.Quantity} × {r.ProductName} (SKU {r.Sku})";
        var link = webhooks.Value.PublicBaseUrl is { Length: > 0 } baseUrl ? $"{baseUrl.TrimEnd('/')}/branches/{l.Id}" : null;
        var text = new StringBuilder();
        if (es)
        {
            text.AppendLine($"Nueva reserva para recoger en {l.Name}.").AppendLine()
                .AppendLine($"Qué: {what}").AppendLine($"Para: {who}").AppendLine($"Guardar hasta: {until}")
                .AppendLine($"Referencia: {r.Id}").AppendLine()
                .AppendLine("Apartad las unidades. Cuando la recojan o se libere, marcadlo en la vista de la tienda en Inbox.");
            if (link is not null) text.AppendLine(link);
            return ($"Reserva {r.Id}: {r.Quantity} × {r.ProductName} hasta {until}", text.ToString());
        }
        text.AppendLine($"New reservation for pickup at {l.Name}.").AppendLine()
            .AppendLine($"What: {what}").AppendLine($"For: {who}").AppendLine($"Hold until: {until}")
            .AppendLine($"Reference: {r.Id}").AppendLine()
            .AppendLine("Set the units aside. When it is picked up or released, mark it in the branch view in Inbox.");
        if (link is not null) text.AppendLine(link);
        return ($"Reservation {r.Id}: {r.Quantity} × {r.ProductName} until {until}", text.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId}: the branch mail was not sent and will be tried again ({Error})")]
    private partial void LogBranchMailFailed(long reservationId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId}: the reminder was refused ({Error} on {Field}); the agents get a note")]
    private partial void LogReminderRefused(long reservationId, string error, string field);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reservation notices failed; trying again at the next round")]
    private partial void LogFailed(Exception ex);
}
