using System.Globalization;
using Inbox.Connectors.Abstractions;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Runs under the channel's lease (one node per bot). With a public webhook URL it registers the webhook (setWebhook with
/// the channel's secret token) and then only holds the lease; otherwise it deletes any webhook and long-polls getUpdates.
/// The cursor is the next offset: each batch is committed with the offset after it before the next call, and that call's
/// offset is what confirms the batch to Telegram, so a restart resumes exactly where the last commit left off.
/// </summary>
public sealed partial class TelegramListener(TelegramBots bots, TimeProvider time, ILogger<TelegramListener> logger) : IChannelListener
{
    /// <summary>Seconds Telegram holds a getUpdates call open when there is nothing new.</summary>
    public const int PollSeconds = 25;

    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.EditedMessage];

    public async Task ListenAsync(ChannelContext channel, IChannelInputSink sink, CancellationToken ct)
    {
        var bot = bots.For(channel, out var problem) ?? throw new InvalidOperationException(problem);
        if (channel.WebhookUrl is { } url)
        {
            await bot.SetWebhook(url, secretToken: channel.Secret(TelegramBots.WebhookSecretToken), allowedUpdates: Wanted, cancellationToken: ct);
            LogWebhookSet(channel.ChannelId);
            sink.ReportHealthy();
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            return;
        }

        await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
        int? offset = int.TryParse(sink.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var saved) ? saved : null;
        while (!ct.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, limit: 100, timeout: PollSeconds, allowedUpdates: Wanted, cancellationToken: ct);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409 && ex.Message.Contains("webhook", StringComparison.OrdinalIgnoreCase))
            {
                // Someone set a webhook after we started: polling is this channel's mode, so take it back.
                LogWebhookConflict(channel.ChannelId);
                await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409)
            {
                // Another program polls with this bot's token: the host records it for admins and backs off.
                throw new InvalidOperationException($"Telegram refused getUpdates: {ex.Message} Another program is using this bot token.", ex);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)), time, ct);
                continue;
            }
            sink.ReportHealthy();
            if (updates.Length == 0) continue;

            var messages = new List<InboundMessage>(updates.Length);
            foreach (var update in updates)
            {
                var mapped = TelegramUpdateMapper.Map(channel.ChannelId, update, (id, token) => TelegramFiles.DownloadAsync(bot, id, token));
                if (mapped.Message is { } message) messages.Add(message);
                else LogIgnored(channel.ChannelId, update.Id, mapped.Problem ?? mapped.Ignored ?? "unknown");
            }
            var next = updates.Max(u => u.Id) + 1;
            await sink.CommitAsync(new ChannelInput { Messages = messages }, next.ToString(CultureInfo.InvariantCulture), ct);
            offset = next;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram channel {ChannelId} receives its updates by webhook")]
    private partial void LogWebhookSet(long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram channel {ChannelId} polls but a webhook was set; deleting it")]
    private partial void LogWebhookConflict(long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped Telegram update {UpdateId} on channel {ChannelId}: {Kind}")]
    private partial void LogIgnored(long channelId, int updateId, string kind);
}
