using System.Text.Json.Nodes;

namespace Inbox.Tests.Telegram;

/// <summary>Bot API updates as Telegram sends them (update_id is assigned when queued or posted).</summary>
public static class TelegramUpdates
{
    private static long _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static JsonObject Message(long chatId, int messageId, string? text, string firstName = "Ana", string? lastName = "García", Action<JsonObject>? with = null)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = Interlocked.Increment(ref _now),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = firstName },
            ["from"] = new JsonObject { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = firstName, ["last_name"] = lastName, ["language_code"] = "es" },
        };
        if (text is not null) message["text"] = text;
        with?.Invoke(message);
        return new JsonObject { ["message"] = message };
    }

    public static JsonObject Edited(long chatId, int messageId, string text)
    {
        var update = Message(chatId, messageId, text);
        var message = update["message"]!.AsObject();
        update.Remove("message");
        message["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject { ["edited_message"] = message };
    }

    public static JsonObject Photo(long chatId, int messageId, string caption, params (string FileId, int Width, int Height)[] sizes) =>
        Message(chatId, messageId, null, with: m =>
        {
            m["caption"] = caption;
            m["photo"] = new JsonArray(sizes.Select(s => (JsonNode)new JsonObject
            {
                ["file_id"] = s.FileId, ["file_unique_id"] = "u" + s.FileId, ["width"] = s.Width, ["height"] = s.Height, ["file_size"] = s.Width * 10,
            }).ToArray());
        });

    public static JsonObject Document(long chatId, int messageId, string fileId, string fileName, string mimeType, int size) =>
        Message(chatId, messageId, null, with: m => m["document"] = new JsonObject
        {
            ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_name"] = fileName, ["mime_type"] = mimeType, ["file_size"] = size,
        });

    /// <summary>The customer shares their own phone (the "share my contact" button): user_id is theirs.</summary>
    public static JsonObject SharedContact(long chatId, int messageId, string phone) =>
        Message(chatId, messageId, null, with: m => m["contact"] = new JsonObject
        {
            ["phone_number"] = phone, ["first_name"] = "Ana", ["user_id"] = chatId,
        });

    /// <summary>An update kind Inbox does not keep (someone blocked or unblocked the bot).</summary>
    public static JsonObject MyChatMember(long chatId) => new()
    {
        ["my_chat_member"] = new JsonObject
        {
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
            ["from"] = new JsonObject { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = "Ana" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["old_chat_member"] = new JsonObject { ["status"] = "member", ["user"] = new JsonObject { ["id"] = 1, ["is_bot"] = true, ["first_name"] = "bot" } },
            ["new_chat_member"] = new JsonObject { ["status"] = "kicked", ["until_date"] = 0, ["user"] = new JsonObject { ["id"] = 1, ["is_bot"] = true, ["first_name"] = "bot" } },
        },
    };

    /// <summary>A fresh private chat id nobody else in the test run uses.</summary>
    public static long NewChatId() => Interlocked.Increment(ref _chat);
    private static long _chat = 40_000_000 + Random.Shared.Next(1_000_000) * 100L;
}
