using Telegram.Bot;

namespace Inbox.Connectors.Telegram;

/// <summary>A customer's file: getFile for its path, then the file URL (under /file/bot{token}/, never logged).</summary>
public static class TelegramFiles
{
    public static async Task<Stream> DownloadAsync(ITelegramBotClient? bot, string fileId, CancellationToken ct)
    {
        if (bot is null) throw new InvalidOperationException("The channel has no usable bot token: its files cannot be downloaded.");
        var file = await bot.GetFile(fileId, ct);
        if (file.FilePath is not { Length: > 0 } path) throw new InvalidOperationException("Telegram gave no path for the file.");
        var content = new MemoryStream();
        await bot.DownloadFile(path, content, ct);
        content.Position = 0;
        return content;
    }
}
