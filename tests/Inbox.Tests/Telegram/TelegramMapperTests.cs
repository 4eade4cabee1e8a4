using System.Text.Json;
using System.Text.Json.Nodes;
using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Telegram;
using Inbox.Contracts;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Inbox.Tests.Telegram;

/// <summary>The pure mapping from Bot API updates (as Telegram.Bot reads them) to inbound messages, and the send pacing.</summary>
public sealed class TelegramMapperTests
{
    private const long ChannelId = 9;
    private readonly List<string> _downloaded = [];

    private TelegramMapped Map(JsonObject update, int updateId = 1)
    {
        update["update_id"] = updateId;
        var parsed = JsonSerializer.Deserialize<Update>(update.ToJsonString(), JsonBotAPI.Options)!;
        return TelegramUpdateMapper.Map(ChannelId, parsed, (id, _) =>
        {
            _downloaded.Add(id);
            return Task.FromResult<Stream>(new MemoryStream([1, 2, 3]));
        });
    }

    [Fact]
    public void A_text_message_is_keyed_by_chat_and_message_id_and_comes_from_the_chat()
    {
        var m = Map(TelegramUpdates.Message(123, 45, "hola")).Message!;

        Assert.Equal("123:45", m.ProviderMessageId);
        Assert.Equal(new ChannelAddress(IdentityKind.Telegram, "123"), m.From);
        Assert.Equal("Ana García", m.DisplayName);
        Assert.Equal("hola", m.Text);
        Assert.Null(m.EditedAt);
        Assert.Empty(m.Attachments);
    }

    [Fact]
    public async Task A_photo_keeps_only_its_largest_size_and_downloads_nothing_until_stored()
    {
        var m = Map(TelegramUpdates.Photo(1, 2, "mira", ("thumb", 90, 90), ("big", 1280, 720), ("mid", 800, 600))).Message!;

        var photo = Assert.Single(m.Attachments);
        Assert.Equal("mira", m.Text);
        Assert.Equal(12800, photo.Size);
        Assert.Empty(_downloaded);
        await using var _ = await photo.OpenAsync(CancellationToken.None);
        Assert.Equal(["big"], _downloaded);
    }

    [Fact]
    public void Voice_audio_video_and_stickers_become_attachments_of_their_type()
    {
        var voice = Map(TelegramUpdates.Message(1, 1, null, with: m => m["voice"] = File("v", ("duration", 3), ("mime_type", "audio/ogg")))).Message!;
        var audio = Map(TelegramUpdates.Message(1, 2, null, with: m => m["audio"] = File("a", ("duration", 3), ("file_name", "canción.mp3")))).Message!;
        var video = Map(TelegramUpdates.Message(1, 3, null, with: m => m["video"] = File("vi", ("duration", 3), ("width", 1), ("height", 1)))).Message!;
        var sticker = Map(TelegramUpdates.Message(1, 4, null, with: m => m["sticker"] = File("s", ("type", "regular"), ("width", 1), ("height", 1),
            ("is_animated", false), ("is_video", false), ("emoji", "😀")))).Message!;

        Assert.Equal(("voice.ogg", "audio/ogg"), (voice.Attachments[0].FileName, voice.Attachments[0].ContentType));
        Assert.Equal(("canción.mp3", "audio/mpeg"), (audio.Attachments[0].FileName, audio.Attachments[0].ContentType));
        Assert.Equal(("video.mp4", "video/mp4"), (video.Attachments[0].FileName, video.Attachments[0].ContentType));
        Assert.Equal(("sticker.webp", "image/webp"), (sticker.Attachments[0].FileName, sticker.Attachments[0].ContentType));
        Assert.Equal("[Sticker 😀]", sticker.Text);
    }

    [Fact]
    public void A_location_and_a_contact_are_written_out_for_the_agent()
    {
        var location = Map(TelegramUpdates.Message(1, 1, null, with: m => m["location"] = new JsonObject { ["latitude"] = 40.4168, ["longitude"] = -3.7038 })).Message!;
        var contact = Map(TelegramUpdates.SharedContact(1, 2, "34600111222")).Message!;

        Assert.Contains("40.4168, -3.7038", location.Text);
        Assert.Contains("openstreetmap.org/?mlat=40.4168&mlon=-3.7038", location.Text);
        Assert.Contains("34600111222", contact.Text);
        Assert.Equal([new ChannelAddress(IdentityKind.Phone, "+34600111222")], contact.ProvenAddresses);
    }

    [Fact]
    public void Only_the_senders_own_contact_proves_a_phone()
    {
        var card = TelegramUpdates.SharedContact(1, 2, "34600111222");
        card["message"]!["contact"]!["user_id"] = 77;
        var noUser = TelegramUpdates.SharedContact(1, 3, "34600111222");
        noUser["message"]!["contact"]!.AsObject().Remove("user_id");

        Assert.Empty(Map(card).Message!.ProvenAddresses);
        Assert.Empty(Map(noUser).Message!.ProvenAddresses);
    }

    [Fact]
    public void A_reply_names_the_message_it_answers_and_an_edit_carries_its_time_but_no_files()
    {
        var reply = Map(TelegramUpdates.Message(5, 9, "sí", with: m => m["reply_to_message"] = TelegramUpdates.Message(5, 3, "¿talla?")["message"]!.DeepClone())).Message!;
        var edit = TelegramUpdates.Edited(5, 9, "sí, la 42");
        edit["edited_message"]!["photo"] = new JsonArray(File("p", ("width", 1), ("height", 1)));
        var edited = Map(edit).Message!;

        Assert.Equal(["5:3"], reply.ReplyTo);
        Assert.Equal("5:9", edited.ProviderMessageId);
        Assert.NotNull(edited.EditedAt);
        Assert.Empty(edited.Attachments);
    }

    [Fact]
    public void Each_item_of_a_media_group_is_its_own_message_with_its_own_picture()
    {
        var first = Map(TelegramUpdates.Photo(1, 10, "las dos", ("a", 10, 10)).With(m => m["media_group_id"] = "g1")).Message!;
        var second = Map(TelegramUpdates.Photo(1, 11, "", ("b", 10, 10)).With(m => { m["media_group_id"] = "g1"; m.Remove("caption"); })).Message!;

        Assert.Equal(("1:10", "las dos"), (first.ProviderMessageId, first.Text));
        Assert.Equal(("1:11", ""), (second.ProviderMessageId, second.Text));
        Assert.Single(second.Attachments);
    }

    [Theory]
    [InlineData("/start order-42", "order-42")]
    [InlineData("/start@shop_help_bot abc", "abc")]
    [InlineData("/start", null)]
    [InlineData("/starting now", null)]
    [InlineData("hola", null)]
    public void The_start_payload_of_a_deep_link_is_read(string text, string? payload)
    {
        Assert.Equal(payload, TelegramUpdateMapper.StartPayload(text));
        Assert.Equal(text, Map(TelegramUpdates.Message(1, 1, text)).Message!.Text);
    }

    [Fact]
    public void Updates_without_a_message_and_service_messages_are_skipped_not_malformed()
    {
        Assert.Equal("MyChatMember", Map(TelegramUpdates.MyChatMember(1)).Ignored);
        var service = Map(TelegramUpdates.Message(1, 1, null, with: m => m["new_chat_title"] = "x"));
        Assert.Null(service.Message);
        Assert.Null(service.Problem);
        Assert.NotNull(service.Ignored);
    }

    [Fact]
    public void Sends_to_one_chat_are_a_second_apart_and_the_bot_allows_thirty_a_second()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new TelegramSendLimiter(time);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(1, 100, out _));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve(1, 100, out _));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(2, 100, out _)); // another bot, same chat id
        for (var chat = 200; chat < 229; chat++) Assert.Equal(TimeSpan.Zero, limiter.Reserve(1, chat, out _));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve(1, 300, out _)); // the 31st send of this second waits for the next
        // Far ahead: not reserved, the caller hands it back to the outbox.
        for (var i = 0; i < 5; i++) limiter.Reserve(1, 100, out _);
        var wait = limiter.Reserve(1, 100, out var reserved);
        Assert.False(reserved);
        Assert.True(wait > TelegramSendLimiter.MaxWait);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(1, 100, out var later));
        Assert.True(later);
    }

    private static JsonObject File(string id, params (string Key, JsonNode? Value)[] extra)
    {
        var file = new JsonObject { ["file_id"] = id, ["file_unique_id"] = "u" + id, ["file_size"] = 10 };
        foreach (var (key, value) in extra) file[key] = value;
        return file;
    }
}

internal static class UpdateJson
{
    public static JsonObject With(this JsonObject update, Action<JsonObject> change)
    {
        change(update["message"]!.AsObject());
        return update;
    }
}
