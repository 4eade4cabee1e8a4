using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Telegram;
using Inbox.Tests.Twilio;
using Inbox.Tests.Widget;

namespace Inbox.Tests.Handoff;

/// <summary>
/// A visitor continues the widget conversation on Telegram or WhatsApp by carrying a one-time code there; the new
/// identity joins the visitor's contact, so both channels write into one thread. A code works once, only as a code,
/// and never hands someone else's history over.
/// </summary>
public sealed class HandoffTests(HandoffInbox shared) : IClassFixture<HandoffInbox>
{
    private InboxAppFactory App => shared.App;
    private HttpClient Admin => shared.Admin;

    private static string Chat(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(WidgetVisitor Visitor, long ConversationId)> VisitorWroteAsync(string text)
    {
        var visitor = await App.OpenWidgetAsync(shared.Site);
        await visitor.WriteAsync(text);
        return (visitor, await shared.ThreadOfAsync("webVisitor", visitor.Session.VisitorId));
    }

    [Fact]
    public async Task The_widget_offers_the_sites_telegram_and_whatsapp_channels()
    {
        await using var visitor = await App.OpenWidgetAsync(shared.Site);

        var offered = visitor.Session.Config.Handoffs;

        Assert.Contains(offered, o => o.ChannelId == shared.Telegram.Id && o.ChannelType == ChannelTypes.Telegram);
        Assert.Contains(offered, o => o.ChannelId == shared.WhatsApp.Id && o.ChannelType == ChannelTypes.WhatsApp);
        Assert.DoesNotContain(offered, o => o.ChannelId == shared.Site.Id);
    }

    [Fact]
    public async Task Continue_on_telegram_joins_the_new_telegram_user_to_the_visitors_thread()
    {
        var (visitor, conversationId) = await VisitorWroteAsync("Hola, ¿tenéis la talla 40?");
        await using var _ = visitor;
        var offer = await shared.OfferAsync(visitor, shared.Telegram.Id);
        Assert.Equal($"https://t.me/{shared.Telegram.Bot.Username}?start={offer.Code}", offer.Url);

        var chat = TelegramUpdates.NewChatId();
        await shared.TelegramSaysAsync(chat, 1, $"/start {offer.Code}");
        await Eventually.GetAsync(() => shared.ThreadOfAsync("telegram", Chat(chat)), id => id == conversationId);
        await shared.TelegramSaysAsync(chat, 2, "Sigo por aquí");

        var messages = await Admin.MessagesAsync(conversationId);
        Assert.Equal(["Hola, ¿tenéis la talla 40?", $"/start {offer.Code}", "Sigo por aquí"], messages.Select(m => m.Text));
        var contactId = (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        var link = Assert.Single(await Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)));
        Assert.Equal((IdentityKind.Telegram, Chat(chat), IdentityLinkReasons.HandoffCode, (long?)shared.Telegram.Id), (link.Kind, link.Address, link.Reason, link.ChannelId));

        // The agent answers on Telegram; the visitor sees the whole exchange in the widget.
        var reply = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId),
            new ReplyRequest("Sí, te la guardo", IdentityId: link.IdentityId, ChannelId: shared.Telegram.Id));
        await Eventually.GetAsync(() => Task.FromResult(shared.Telegram.Bot.Sent), sent => sent.Any(s => s.Text("text") == "Sí, te la guardo" && s.Long("chat_id") == chat));
        Assert.Equal(shared.Telegram.Id, reply.ChannelId);
        Assert.Contains("Sí, te la guardo", (await visitor.HistoryAsync()).Select(m => m.Text));

        // The composer defaults to Telegram, where the customer last wrote, and knows the visitor has left the site.
        var reachable = await Admin.GetJsonAsync<ReachabilityDto>(HandoffRoutes.ConversationReachability(conversationId));
        Assert.Equal((ChannelTypes.Telegram, link.IdentityId, true, (string?)null),
            (reachable.Channels[0].ChannelType, reachable.Channels[0].IdentityId, reachable.Channels[0].IsDefault, reachable.Channels[0].Warning));
        var web = Assert.Single(reachable.Channels, c => c.ChannelType == ChannelTypes.WebChat);
        Assert.Equal((false, ReachabilityWarnings.VisitorOffline), (web.IsDefault, web.Warning));
    }

    [Fact]
    public async Task The_wa_me_code_from_a_new_phone_joins_the_thread_and_the_agent_replies_on_whatsapp()
    {
        var (visitor, conversationId) = await VisitorWroteAsync("¿Me avisáis por WhatsApp?");
        await using var _ = visitor;
        var offer = await shared.OfferAsync(visitor, shared.WhatsApp.Id);
        Assert.StartsWith($"https://wa.me/{HandoffInbox.WhatsAppNumber.TrimStart('+')}?text=", offer.Url);
        var prefilled = Uri.UnescapeDataString(offer.Url[(offer.Url.IndexOf("text=", StringComparison.Ordinal) + 5)..]);
        Assert.Contains(offer.Code, prefilled);

        var phone = TwilioInbox.NewMobile();
        await shared.WhatsAppSaysAsync(phone, prefilled);
        await Eventually.GetAsync(() => shared.ThreadOfAsync("phone", phone), id => id == conversationId);
        await shared.WhatsAppSaysAsync(phone, "Gracias");

        Assert.Equal(["¿Me avisáis por WhatsApp?", prefilled, "Gracias"], (await Admin.MessagesAsync(conversationId)).Select(m => m.Text));
        var contact = await Admin.GetJsonAsync<ContactDto>(Routes.Contact((await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id));
        var whatsapp = contact.Identities.Single(i => i.Kind == IdentityKind.Phone);
        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Hecho", IdentityId: whatsapp.Id, ChannelId: shared.WhatsApp.Id));
        await Eventually.GetAsync(() => Task.FromResult(shared.Twilio.Calls), calls => calls.Any(m => m.AccountSid == shared.WhatsApp.Account.Sid && m.Field("Body") == "Hecho" && m.Field("To") == "whatsapp:" + phone));
    }

    [Fact]
    public async Task A_used_code_links_nothing_the_second_time()
    {
        var (visitor, conversationId) = await VisitorWroteAsync("Quiero seguir en Telegram");
        await using var _ = visitor;
        var offer = await shared.OfferAsync(visitor, shared.Telegram.Id);
        var first = TelegramUpdates.NewChatId();
        await shared.TelegramSaysAsync(first, 1, $"/start {offer.Code}");
        await Eventually.GetAsync(() => shared.ThreadOfAsync("telegram", Chat(first)), id => id == conversationId);

        // Someone who got hold of the link afterwards.
        var second = TelegramUpdates.NewChatId();
        await shared.TelegramSaysAsync(second, 1, $"/start {offer.Code}");

        Assert.NotEqual(conversationId, await shared.ThreadOfAsync("telegram", Chat(second)));
        Assert.Equal(2, (await Admin.MessagesAsync(conversationId)).Count);
    }

    [Fact]
    public async Task A_code_inside_a_longer_message_or_for_another_channel_links_nothing()
    {
        var (visitor, conversationId) = await VisitorWroteAsync("Hola");
        await using var _ = visitor;
        var offer = await shared.OfferAsync(visitor, shared.WhatsApp.Id);

        // Pasted into a long text: not a hand-off.
        var phone = TwilioInbox.NewMobile();
        await shared.WhatsAppSaysAsync(phone, $"Mi prima me pasó esto, {offer.Code}, pero yo quería preguntaros otra cosa sobre un pedido que hice la semana pasada y no ha llegado todavía");
        // Sent on Telegram, though it was issued for WhatsApp.
        var chat = TelegramUpdates.NewChatId();
        await shared.TelegramSaysAsync(chat, 1, $"/start {offer.Code}");

        Assert.NotEqual(conversationId, await Eventually.GetAsync(() => shared.ThreadOfAsync("phone", phone), _ => true));
        Assert.NotEqual(conversationId, await shared.ThreadOfAsync("telegram", Chat(chat)));
        // The code is still good on its own channel.
        var right = TwilioInbox.NewMobile();
        await shared.WhatsAppSaysAsync(right, offer.Code);
        await Eventually.GetAsync(() => shared.ThreadOfAsync("phone", right), id => id == conversationId);
    }

    [Fact]
    public async Task A_sender_with_history_of_their_own_is_not_merged_into_the_visitors_thread()
    {
        var phone = TwilioInbox.NewMobile();
        await shared.WhatsAppSaysAsync(phone, "Mensaje privado de otra persona");
        var theirs = await Eventually.GetAsync(() => shared.ThreadOfAsync("phone", phone), _ => true);
        var (visitor, conversationId) = await VisitorWroteAsync("Hola");
        await using var _ = visitor;
        var offer = await shared.OfferAsync(visitor, shared.WhatsApp.Id);

        await shared.WhatsAppSaysAsync(phone, offer.Code);

        Assert.Equal(theirs, await shared.ThreadOfAsync("phone", phone));
        Assert.DoesNotContain("Mensaje privado de otra persona", (await visitor.HistoryAsync()).Select(m => m.Text));
        Assert.Single(await Admin.MessagesAsync(conversationId));
    }

    [Fact]
    public async Task An_agent_splits_a_wrong_link_off_with_its_messages()
    {
        var (visitor, conversationId) = await VisitorWroteAsync("Soy la visitante");
        await using var _ = visitor;
        var offer = await shared.OfferAsync(visitor, shared.Telegram.Id);
        var chat = TelegramUpdates.NewChatId();
        await shared.TelegramSaysAsync(chat, 1, $"/start {offer.Code}");
        await Eventually.GetAsync(() => shared.ThreadOfAsync("telegram", Chat(chat)), id => id == conversationId);
        await shared.TelegramSaysAsync(chat, 2, "Yo no soy ella");
        var contactId = (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        var link = Assert.Single(await Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)));

        var split = await Admin.PostJsonAsync<SplitDto>(HandoffRoutes.IdentitySplit(contactId, link.IdentityId), new { });

        Assert.Equal(2, split.MovedMessages);
        Assert.Equal(split.ConversationId, await shared.ThreadOfAsync("telegram", Chat(chat)));
        Assert.Equal([$"/start {offer.Code}", "Yo no soy ella"], (await Admin.MessagesAsync(split.ConversationId!.Value)).Select(m => m.Text));
        Assert.Equal(["Soy la visitante"], (await Admin.MessagesAsync(conversationId)).Select(m => m.Text));
        Assert.Equal(["Soy la visitante"], (await visitor.HistoryAsync()).Select(m => m.Text));
        Assert.NotNull(Assert.Single(await Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId))).UndoneAt);
        // The split-off Telegram user's next message stays in their own thread.
        await shared.TelegramSaysAsync(chat, 3, "Gracias");
        Assert.Equal(3, (await Admin.MessagesAsync(split.ConversationId.Value)).Count);
        // The contact's only identity cannot be split from itself.
        var alone = await Admin.PostAsJsonAsync(HandoffRoutes.IdentitySplit(split.Contact.Id, link.IdentityId), new { });
        await alone.AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_telegram_user_sharing_their_own_phone_is_recorded_as_a_link_with_its_reason_and_an_event()
    {
        var phone = TwilioInbox.NewMobile();
        await shared.WhatsAppSaysAsync(phone, "Hola por WhatsApp");
        var conversationId = await Eventually.GetAsync(() => shared.ThreadOfAsync("phone", phone), _ => true);
        var chat = TelegramUpdates.NewChatId();
        await shared.TelegramSaysAsync(chat, 1, "Hola por Telegram");
        var update = TelegramUpdates.SharedContact(chat, 2, phone.TrimStart('+'));
        update["update_id"] = 90_000 + (int)(chat % 10_000);
        await (await App.PostTelegramWebhookAsync(shared.TelegramPath, update.ToJsonString(), shared.Telegram.SecretToken)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(conversationId, await shared.ThreadOfAsync("telegram", Chat(chat)));
        var contactId = (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        var link = Assert.Single(await Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)));
        Assert.Equal((IdentityKind.Telegram, Chat(chat), IdentityLinkReasons.TelegramSharedContact), (link.Kind, link.Address, link.Reason));
        await using var db = App.OpenDatabase();
        Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<long>(db,
            "SELECT COUNT(*) FROM conversation_events WHERE conversation_id = @Id AND type = @Type", new { Id = conversationId, Type = EventTypes.IdentityLinked }));
    }
}
