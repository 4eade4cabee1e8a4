using System.Net;
using System.Text.Json.Nodes;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Telegram;

/// <summary>
/// What a Telegram message does to the thread beyond adding to it: a customer who shares their own phone joins the
/// thread they already have on SMS or WhatsApp; an edited message changes the stored text, marked edited, live.
/// </summary>
public sealed class TelegramThreadingTests(TelegramWebhookInbox shared) : IClassFixture<TelegramWebhookInbox>
{
    private InboxAppFactory App => shared.App;
    private HttpClient Admin => shared.Admin;
    private static int _updateId = 10_000;

    private async Task<(TelegramChannel Channel, string Path)> RegisteredAsync()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var url = await Eventually.GetAsync(() => Task.FromResult(channel.Bot.WebhookUrl), u => u is not null);
        return (channel, new Uri(url!).AbsolutePath);
    }

    private async Task PostAsync((TelegramChannel Channel, string Path) bot, JsonObject update)
    {
        update["update_id"] = Interlocked.Increment(ref _updateId);
        await (await App.PostTelegramWebhookAsync(bot.Path, update.ToJsonString(), bot.Channel.SecretToken)).AssertStatusAsync(HttpStatusCode.OK);
    }

    private static string NewPhone() => $"+3460{Random.Shared.Next(1_000_000, 9_999_999)}";

    [Fact]
    public async Task A_customer_who_shares_their_own_phone_joins_the_thread_of_that_phone()
    {
        var phone = NewPhone();
        var sms = await App.CreateApiChannelAsync(Admin, name: $"SMS {Guid.NewGuid():N}");
        var bySms = await App.PushAcceptedAsync(sms, $"sms-{Guid.NewGuid():N}", phone, "Hola, escribí por SMS", "phone");
        var bot = await RegisteredAsync();
        var chat = TelegramUpdates.NewChatId();
        await PostAsync(bot, TelegramUpdates.Message(chat, 1, "Ahora os escribo por Telegram"));
        var telegramThread = await App.ThreadOfChatAsync(Admin, chat);
        Assert.NotEqual(bySms.ConversationId, telegramThread.Id);

        // The "share my phone" button: Telegram sends the user's own number (without +) with their user id.
        await PostAsync(bot, TelegramUpdates.SharedContact(chat, 2, phone.TrimStart('+')));

        var joined = await App.ThreadOfChatAsync(Admin, chat);
        Assert.Equal(bySms.ConversationId, joined.Id);
        Assert.Equal(bySms.ContactId, joined.Contact.Id);
        var messages = await Admin.MessagesAsync(joined.Id);
        Assert.Equal(["Hola, escribí por SMS", "Ahora os escribo por Telegram"], messages.Take(2).Select(m => m.Text));
        Assert.Contains(phone.TrimStart('+'), messages[2].Text);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(Routes.Conversation(telegramThread.Id))).StatusCode);

        // The next Telegram message lands in the one thread too, and a reply can go back on Telegram.
        await PostAsync(bot, TelegramUpdates.Message(chat, 3, "¿Lo veis todo junto?"));
        Assert.Equal(4, (await Admin.MessagesAsync(bySms.ConversationId)).Count);
    }

    [Fact]
    public async Task Someone_elses_contact_card_links_nothing()
    {
        var phone = NewPhone();
        var sms = await App.CreateApiChannelAsync(Admin, name: $"SMS {Guid.NewGuid():N}");
        var bySms = await App.PushAcceptedAsync(sms, $"sms-{Guid.NewGuid():N}", phone, "Soy la hermana", "phone");
        var bot = await RegisteredAsync();
        var chat = TelegramUpdates.NewChatId();

        // A forwarded card: its user_id is the owner of the number, not the sender.
        var card = TelegramUpdates.SharedContact(chat, 1, phone.TrimStart('+'));
        card["message"]!["contact"]!["user_id"] = chat + 1;
        await PostAsync(bot, card);

        var thread = await App.ThreadOfChatAsync(Admin, chat);
        Assert.NotEqual(bySms.ConversationId, thread.Id);
        Assert.Null(thread.Contact.Phone);
        Assert.Single(await Admin.MessagesAsync(bySms.ConversationId));
    }

    [Fact]
    public async Task A_shared_phone_nobody_has_becomes_the_contacts_phone()
    {
        var phone = NewPhone();
        var bot = await RegisteredAsync();
        var chat = TelegramUpdates.NewChatId();

        await PostAsync(bot, TelegramUpdates.SharedContact(chat, 1, phone));

        var thread = await App.ThreadOfChatAsync(Admin, chat);
        Assert.Equal(phone, thread.Contact.Phone);
        var contact = await Admin.GetJsonAsync<ContactDto>(Routes.Contact(thread.Contact.Id));
        Assert.Contains(contact.Identities, i => i.Kind == IdentityKind.Phone && i.Address == phone);
        Assert.Contains(contact.Identities, i => i.Kind == IdentityKind.Telegram && i.Address == chat.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_edit_replaces_the_text_marks_it_edited_and_reaches_the_agent_live()
    {
        var bot = await RegisteredAsync();
        var chat = TelegramUpdates.NewChatId();
        await PostAsync(bot, TelegramUpdates.Message(chat, 5, "Quiero la talla 24"));
        var thread = await App.ThreadOfChatAsync(Admin, chat);
        var original = Assert.Single(await Admin.MessagesAsync(thread.Id));
        Assert.Null(original.EditedAt);
        await using var live = await App.ConnectAgentAsync(shared.AdminToken);

        var edit = TelegramUpdates.Edited(chat, 5, "Quiero la talla 42");
        await PostAsync(bot, edit);

        var pushed = await live.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageEdited), m => m.Id == original.Id);
        Assert.Equal("Quiero la talla 42", pushed.Text);
        Assert.NotNull(pushed.EditedAt);
        var stored = Assert.Single(await Admin.MessagesAsync(thread.Id));
        Assert.Equal("Quiero la talla 42", stored.Text);
        Assert.NotNull(stored.EditedAt);

        // Telegram posting the same edit again changes nothing and pushes nothing.
        var editedEvents = live.Received.Count(r => r.Method == nameof(IAgentClient.MessageEdited));
        await PostAsync(bot, edit);
        var replay = await live.EventsSinceAsync(0);
        Assert.Equal(1, replay.Count(e => e.Type == EventTypes.MessageEdited && e.ConversationId == thread.Id));
        Assert.Equal(editedEvents, live.Received.Count(r => r.Method == nameof(IAgentClient.MessageEdited)));
        Assert.Equal("Quiero la talla 42", replay.Last(e => e.Type == EventTypes.MessageEdited && e.ConversationId == thread.Id).Payload.GetProperty("text").GetString());
    }
}
