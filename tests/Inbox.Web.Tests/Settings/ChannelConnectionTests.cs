using Inbox.Contracts;
using Inbox.Web.Settings.Channels;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Settings;

/// <summary>An admin sees at a glance which channel is failing, and opens its connection to copy the webhook URL and read why.</summary>
public sealed class ChannelConnectionTests : ConsoleTestContext
{
    private const string WebhookUrl = "https://inbox.shop.example/webhooks/k3yk3yk3yk3yk3yk3yk3yk3yk3yk3yk3y";

    public ChannelConnectionTests()
    {
        SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Channels, new[] { Fixtures.ApiChannel(3, "Shop"), Fixtures.ApiChannel(4, "Quiet") });
        Http.OnJson(HttpMethod.Get, Routes.ChannelTypes, new[] { Fixtures.ApiChannelType() });
    }

    [Fact]
    public async Task A_channel_whose_last_call_was_refused_shows_failing_with_the_reason_and_its_webhook_url()
    {
        var failing = new ChannelHealthDto(Fixtures.T0, "A webhook call was refused (403): signature mismatch.", Fixtures.T0.AddMinutes(5), null) { WebhookUrl = WebhookUrl };
        Http.OnJson(HttpMethod.Get, Routes.ChannelHealth(3), failing);
        Http.OnJson(HttpMethod.Get, Routes.ChannelHealth(4), new ChannelHealthDto(null, null, null, null) { WebhookUrl = WebhookUrl + "4" });
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-health-failing")));
        Assert.Equal("Failing", cut.Find(".channel-health-failing").TextContent.Trim());
        Assert.Contains("No activity yet", cut.Find(".channel-health-unknown").TextContent);

        cut.FindAll(".channel-connection")[0].Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".connection-webhook-url input")));
        Assert.Equal(WebhookUrl, host.Find(".connection-webhook-url input").GetAttribute("value"));
        Assert.Contains("signature mismatch", host.Find(".connection-last-error-text").TextContent);
        Assert.NotEmpty(host.FindAll(".connection-state .channel-health-failing"));
    }

    [Fact]
    public async Task The_last_message_in_and_the_last_reply_out_with_its_status_are_shown_and_a_received_message_counts_as_working()
    {
        Http.OnJson(HttpMethod.Get, Routes.ChannelHealth(3), new ChannelHealthDto(null, null, null, null)
        {
            LastMessageInAt = DateTimeOffset.Now.AddMinutes(-5), LastMessageOutAt = DateTimeOffset.Now.AddMinutes(-2), LastMessageOutStatus = MessageStatus.Failed,
        });
        Http.OnJson(HttpMethod.Get, Routes.ChannelHealth(4), new ChannelHealthDto(null, null, null, null));
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-health-working")));
        Assert.Equal("In: 5 min · Out: 2 min", cut.Find(".channel-traffic").TextContent.Trim());
        Assert.Single(cut.FindAll(".channel-traffic"));

        cut.FindAll(".channel-connection")[0].Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".connection-last-out-status")));
        Assert.Equal("Failed", host.Find(".connection-last-out-status").TextContent.Trim());
        Assert.Contains("5 min", host.Find(".connection-last-in").TextContent);
    }

    [Fact]
    public async Task A_success_after_the_last_error_shows_working()
    {
        Http.OnJson(HttpMethod.Get, Routes.ChannelHealth(3), new ChannelHealthDto(Fixtures.T0.AddMinutes(9), "old trouble", Fixtures.T0, "node-a"));
        Http.OnJson(HttpMethod.Get, Routes.ChannelHealth(4), new ChannelHealthDto(null, "never worked", Fixtures.T0, null));
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-health-working")));
        Assert.Single(cut.FindAll(".channel-health-failing"));

        cut.FindAll(".channel-connection")[0].Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".connection-worked-by")));
        Assert.Contains("node-a", host.Find(".connection-worked-by").TextContent);
        Assert.Empty(host.FindAll(".connection-webhook-url")); // none given: nothing to paste
    }

    [Theory]
    [InlineData(null, null, ChannelHealthState.Unknown)]
    [InlineData(10, null, ChannelHealthState.Working)]
    [InlineData(null, 10, ChannelHealthState.Failing)]
    [InlineData(10, 20, ChannelHealthState.Failing)]
    [InlineData(20, 10, ChannelHealthState.Working)]
    public void State_follows_whichever_came_last(int? successMinute, int? errorMinute, ChannelHealthState expected)
    {
        var health = new ChannelHealthDto(successMinute is { } s ? Fixtures.T0.AddMinutes(s) : null, errorMinute is null ? null : "boom",
            errorMinute is { } e ? Fixtures.T0.AddMinutes(e) : null, null);
        Assert.Equal(expected, ChannelHealth.StateOf(health));
    }
}
