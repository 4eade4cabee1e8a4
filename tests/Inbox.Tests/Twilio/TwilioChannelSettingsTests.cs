using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>The sms and whatsapp channel types as the console's forms and the server's validation read them.</summary>
public sealed class TwilioChannelSettingsTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    [Fact]
    public async Task Sms_and_whatsapp_are_listed_with_their_fields_and_only_whatsapp_has_a_window_and_templates()
    {
        var types = await shared.Admin.GetJsonAsync<List<ChannelTypeDto>>(Routes.ChannelTypes);

        var sms = Assert.Single(types, t => t.Type == ChannelTypes.Sms);
        var whatsapp = Assert.Single(types, t => t.Type == ChannelTypes.WhatsApp);
        Assert.Equal(["accountSid", "authToken", "apiKeySid", "apiKeySecret", "from", "messagingServiceSid"], sms.Fields.Select(f => f.Key));
        Assert.True(sms.Fields.Single(f => f.Key == "authToken") is { Secret: true, Required: true });
        Assert.True(sms.Fields.Single(f => f.Key == "apiKeySecret") is { Secret: true, Required: false });
        Assert.Equal([IdentityKind.Phone], sms.Reaches);
        Assert.DoesNotContain("replyWindow", sms.Capabilities);
        Assert.Contains("replyWindow", whatsapp.Capabilities);
        Assert.Contains("templates", whatsapp.Capabilities);
        Assert.True(whatsapp.Fields.Single(f => f.Key == "templates").Multiline);
        Assert.Equal("WhatsApp (Twilio)", whatsapp.DisplayName.En);
    }

    [Fact]
    public async Task A_channel_without_its_account_sid_or_auth_token_is_refused()
    {
        var response = await shared.Admin.PostAsJsonAsync(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Sms, "Incomplete", new() { ["from"] = "+34910000001" }, null));

        var problem = await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("accountSid", problem);
        Assert.Contains("authToken", problem);
    }
}
