using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors.Twilio;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;
using Inbox.Tests.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Commerce;

/// <summary>A customer writes by email (a real dovecot mailbox) and by WhatsApp (Twilio's API on loopback); once the
/// agent merges the two, the shop's orders are found by the email of one channel and the phone of the other.</summary>
public sealed class WooCommerceChannelsTests(MailServers servers) : IClassFixture<MailServers>
{
    [Fact]
    public async Task Orders_are_found_by_the_email_from_the_email_channel_and_the_phone_from_whatsapp()
    {
        await using var twilio = await LoopbackTwilio.StartAsync();
        await using var shop = await LoopbackWooCommerce.StartAsync();
        var settings = TestChannelApp.FastWorkers;
        foreach (var (k, v) in WooCommerceIntents.Settings()) settings[k] = v;
        settings["Inbox:Webhooks:PublicBaseUrl"] = TwilioInbox.PublicBase;
        await using var app = new InboxAppFactory(settings: settings, services: s => s.Configure<TwilioOptions>(o => o.ApiBaseOverride = twilio.BaseUrl));
        var admin = await app.AdminClientAsync();
        await admin.ConnectedShopAsync(shop);

        var suffix = Guid.NewGuid().ToString("N")[..6];
        var email = $"lucia-{suffix}@customer.test";
        var phone = TwilioInbox.NewMobile();
        var guestOrder = shop.AddOrder("processing", email: email, createdGmt: DateTime.UtcNow.AddDays(-3));
        var phoneOrder = shop.AddOrder("on-hold", phone: WooCommerceIntents.AsTyped(phone), createdGmt: DateTime.UtcNow.AddDays(-1));
        shop.AddOrder("processing", email: $"someone-{suffix}@customer.test", phone: TwilioInbox.NewMobile());

        // By email, into the support mailbox.
        var support = servers.AddUser($"support-{suffix}@shop.test");
        var emailChannel = await admin.CreateEmailChannelAsync(servers, support);
        var mail = EmailChannelApp.Mail($"Lucía Pérez <{email}>", support, "Mi pedido", "Hola, ¿cuándo llega mi mesa?");
        await servers.AppendAsync(support, mail);
        var byEmail = await admin.GetJsonAsync<ConversationDto>(Routes.Conversation((await app.StoredAsync(emailChannel, mail.MessageId)).ConversationId));

        // By WhatsApp, through the channel's Twilio webhook, signed as Twilio signs.
        var account = twilio.CreateAccount();
        var created = await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.WhatsApp, $"WhatsApp {suffix}",
            new() { [TwilioSettings.AccountSid] = account.Sid, [TwilioSettings.From] = "+34910000002" }, new() { [TwilioSettings.AuthToken] = account.AuthToken }));
        var webhook = (await admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(created.Channel.Id))).WebhookUrl!;
        var channel = new TwilioChannel(created.Channel.Id, ChannelTypes.WhatsApp, account, webhook);
        var form = TwilioInbox.IncomingWhatsApp(channel, phone, "Os escribo también por aquí", profileName: "Lucía Pérez");
        using (var request = new HttpRequestMessage(HttpMethod.Post, channel.Path) { Content = new FormUrlEncodedContent(form) })
        {
            request.Headers.Add("X-Twilio-Signature", TwilioTestSignature.Sign(account.AuthToken, webhook, form));
            await (await app.CreateClient().SendAsync(request)).AssertStatusAsync(HttpStatusCode.OK);
        }
        var byWhatsApp = (await admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={created.Channel.Id}")).Items.Single();

        // Two contacts until the agent sees they are one person.
        var before = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(byWhatsApp.Contact.Id));
        Assert.Equal([phoneOrder.Number], before.Orders.Select(o => o.Number));
        (await admin.PostAsJsonAsync(Routes.ContactMerge(byWhatsApp.Contact.Id), new MergeContactsRequest(byEmail.Contact.Id))).EnsureSuccessOrDump();

        var found = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(byWhatsApp.Contact.Id));

        Assert.Equal([email], found.Emails);
        Assert.Equal([phone], found.Phones);
        Assert.Equal([phoneOrder.Number, guestOrder.Number], found.Orders.Select(o => o.Number));
        Assert.Empty(found.Unavailable);
    }
}
