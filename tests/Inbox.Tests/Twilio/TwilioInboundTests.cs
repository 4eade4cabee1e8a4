using System.Net;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>Customers write by SMS, MMS and WhatsApp: one contact and one thread per number, media from Twilio only.</summary>
public sealed class TwilioInboundTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    [Fact]
    public async Task Sms_mms_and_whatsapp_from_one_number_land_in_one_thread_labelled_by_channel_and_the_profile_name_fills_the_contact()
    {
        var account = shared.Twilio.CreateAccount();
        var sms = await shared.CreateChannelAsync(ChannelTypes.Sms, account: account);
        var whatsapp = await shared.CreateChannelAsync(ChannelTypes.WhatsApp, from: "+34910000002", account: account);
        var customer = TwilioInbox.NewMobile();
        var national = customer[3..]; // written without +34: read in the default region

        await (await shared.PostAsTwilioAsync(sms, TwilioInbox.IncomingSms(sms, national, "Hola, soy yo por SMS"))).AssertStatusAsync(HttpStatusCode.OK);
        var mms = TwilioInbox.IncomingSms(sms, customer, "Mirad la foto");
        mms["NumMedia"] = "1";
        mms["MediaUrl0"] = shared.Twilio.AddMedia(account, Jpeg, "image/jpeg").ToString();
        mms["MediaContentType0"] = "image/jpeg";
        await (await shared.PostAsTwilioAsync(sms, mms)).AssertStatusAsync(HttpStatusCode.OK);
        await (await shared.PostAsTwilioAsync(whatsapp, TwilioInbox.IncomingWhatsApp(whatsapp, customer, "Y ahora por WhatsApp", profileName: "Lucía Pérez"))).AssertStatusAsync(HttpStatusCode.OK);

        var conversation = await shared.ConversationOfChannelAsync(whatsapp.Id);
        Assert.Equal(conversation.Id, (await shared.ConversationOfChannelAsync(sms.Id)).Id);
        Assert.Equal(customer, conversation.Contact.Phone);
        Assert.Equal("Lucía Pérez", conversation.Contact.Name);
        var thread = await shared.ThreadAsync(conversation.Id);
        Assert.Equal(["sms", "sms", "whatsapp"], thread.Select(m => m.ChannelType));
        Assert.Single(thread.Select(m => m.IdentityId).Distinct());
        Assert.All(thread, m => Assert.Equal(customer, m.IdentityAddress));

        var photo = Assert.Single(thread[1].Attachments);
        Assert.Equal("image/jpeg", photo.ContentType);
        var bytes = await (await shared.Admin.GetAsync(Routes.Attachment(photo.Id))).EnsureSuccessOrDump().Content.ReadAsByteArrayAsync();
        Assert.Equal(Jpeg, bytes);
        Assert.Single(shared.Twilio.MediaFetches, p => mms["MediaUrl0"].EndsWith(p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_message_sid_is_stored_once()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.WhatsApp);
        var form = TwilioInbox.IncomingWhatsApp(channel, TwilioInbox.NewMobile(), "¿Abrís el domingo?");

        await (await shared.PostAsTwilioAsync(channel, form)).AssertStatusAsync(HttpStatusCode.OK);
        var again = await shared.PostAsTwilioAsync(channel, form);

        Assert.EndsWith("<Response/>", await again.AssertStatusAsync(HttpStatusCode.OK));
        Assert.Equal(1, await shared.InboundCountAsync(channel.Id));
    }

    [Fact]
    public async Task Media_on_any_host_but_twilios_is_never_requested()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        await using var elsewhere = await LoopbackTwilio.StartAsync();
        var form = TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "Mira esto");
        form["NumMedia"] = "2";
        form["MediaUrl0"] = elsewhere.AddMedia(elsewhere.CreateAccount(), Jpeg, "image/jpeg").ToString();
        form["MediaContentType0"] = "image/jpeg";
        form["MediaUrl1"] = "http://169.254.169.254/latest/meta-data/";
        form["MediaContentType1"] = "text/plain";

        await (await shared.PostAsTwilioAsync(channel, form)).AssertStatusAsync(HttpStatusCode.OK);

        var message = Assert.Single(await shared.ThreadAsync((await shared.ConversationOfChannelAsync(channel.Id)).Id));
        Assert.Empty(message.Attachments);
        Assert.Contains("not on a Twilio media host", message.Text);
        Assert.Equal(0, elsewhere.Requests);
    }

    [Fact]
    public async Task A_media_redirect_off_twilios_hosts_is_not_followed_and_twilio_is_asked_to_retry()
    {
        var account = shared.Twilio.CreateAccount();
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms, account: account);
        await using var elsewhere = await LoopbackTwilio.StartAsync();
        var form = TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "Foto");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = shared.Twilio.AddMediaRedirect(account, elsewhere.AddMedia(elsewhere.CreateAccount(), Jpeg, "image/jpeg")).ToString();
        form["MediaContentType0"] = "image/jpeg";

        var response = await shared.PostAsTwilioAsync(channel, form);

        await response.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(0, elsewhere.Requests);
        Assert.Equal(0, await shared.InboundCountAsync(channel.Id));
    }

    [Fact]
    public async Task A_whatsapp_location_and_a_reply_to_an_earlier_message_are_kept()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.WhatsApp);
        var form = TwilioInbox.IncomingWhatsApp(channel, TwilioInbox.NewMobile(), "");
        form.Remove("Body");
        form["MessageType"] = "location";
        form["Latitude"] = "40.416775";
        form["Longitude"] = "-3.703790";
        form["Label"] = "Tienda Sol";
        form["OriginalRepliedMessageSid"] = "SM" + new string('b', 32);

        await (await shared.PostAsTwilioAsync(channel, form)).AssertStatusAsync(HttpStatusCode.OK);

        var message = Assert.Single(await shared.ThreadAsync((await shared.ConversationOfChannelAsync(channel.Id)).Id));
        Assert.Contains("Tienda Sol", message.Text);
        Assert.Contains("40.416775, -3.70379", message.Text);
        await using var db = shared.App.OpenDatabase();
        var replyTo = await Dapper.SqlMapper.ExecuteScalarAsync<string>(db, "SELECT reply_to FROM messages WHERE id = @Id", new { Id = message.Id });
        Assert.Contains("SM" + new string('b', 32), replyTo);
    }

    [Fact]
    public async Task A_webhook_without_a_sender_is_a_400_and_stores_nothing()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        var form = TwilioInbox.IncomingSms(channel, "not a number", "hola");

        var response = await shared.PostAsTwilioAsync(channel, form);

        Assert.Contains("From", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, await shared.InboundCountAsync(channel.Id));
    }
}
