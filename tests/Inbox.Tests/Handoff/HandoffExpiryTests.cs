using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Twilio;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Handoff;

/// <summary>The same server on a clock the test moves: a code that ran out links nothing.</summary>
public sealed class HandoffClockInbox : HandoffInbox
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;
}

public sealed class HandoffExpiryTests(HandoffClockInbox shared) : IClassFixture<HandoffClockInbox>
{
    [Fact]
    public async Task An_agents_code_sent_after_thirty_minutes_links_nothing_and_one_sent_before_does()
    {
        var phone = TwilioInbox.NewMobile();
        var api = await shared.App.CreateApiChannelAsync(shared.Admin, name: $"Shop {Guid.NewGuid():N}");
        var asked = await shared.App.PushAcceptedAsync(api, $"m-{Guid.NewGuid():N}", "ana@example.com", "¿Me escribís por WhatsApp?", "email");
        var late = await shared.Admin.PostJsonAsync<HandoffOfferDto>(HandoffRoutes.ConversationHandoff(asked.ConversationId), new HandoffRequest(shared.WhatsApp.Id));
        Assert.Equal(shared.Time.GetUtcNow().AddMinutes(30), late.ExpiresAt);

        shared.Time.Advance(TimeSpan.FromMinutes(31));
        await shared.WhatsAppSaysAsync(phone, late.Code);

        Assert.NotEqual(asked.ConversationId, await shared.ThreadOfAsync("phone", phone));
        var fresh = await shared.Admin.PostJsonAsync<HandoffOfferDto>(HandoffRoutes.ConversationHandoff(asked.ConversationId), new HandoffRequest(shared.WhatsApp.Id));
        shared.Time.Advance(TimeSpan.FromMinutes(29));
        var other = TwilioInbox.NewMobile();
        await shared.WhatsAppSaysAsync(other, fresh.Code);
        Assert.Equal(asked.ConversationId, await Eventually.GetAsync(() => shared.ThreadOfAsync("phone", other), id => id == asked.ConversationId));
    }

    [Fact]
    public async Task An_agent_cannot_offer_a_hand_off_to_a_channel_that_cannot_take_one()
    {
        var api = await shared.App.CreateApiChannelAsync(shared.Admin, name: $"Shop {Guid.NewGuid():N}");
        var asked = await shared.App.PushAcceptedAsync(api, $"m-{Guid.NewGuid():N}", "+34600999111", "Hola");

        var response = await shared.Admin.PostAsJsonAsync(HandoffRoutes.ConversationHandoff(asked.ConversationId), new HandoffRequest(api.Id));

        await response.AssertStatusAsync(System.Net.HttpStatusCode.BadRequest);
    }
}
