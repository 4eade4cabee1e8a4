using Inbox.Web.Layout;
using Inbox.Web.Live;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Web.Tests.Layout;

public sealed class ReconnectBannerTests : ConsoleTestContext
{
    [Fact]
    public void Banner_shows_while_reconnecting_and_leaves_once_the_replay_is_done()
    {
        Live.SetConnectionState(LiveConnectionState.Connected);
        var cut = Render<ReconnectBanner>();
        Assert.Empty(cut.FindAll(".reconnect-banner"));

        Live.SetConnectionState(LiveConnectionState.Reconnecting);
        cut.WaitForAssertion(() => Assert.Equal("Reconnecting… messages will catch up.", cut.Find(".reconnect-text").TextContent.Trim()));

        // Reconnected: the hub connection replays the missed events before the banner goes.
        Live.SetCatchingUp(true);
        Live.SetConnectionState(LiveConnectionState.Connected);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".reconnect-banner")));

        Live.SetCatchingUp(false);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".reconnect-banner")));
    }

    [Fact]
    public void First_connection_and_its_catch_up_show_no_banner()
    {
        var cut = Render<ReconnectBanner>();

        Live.SetConnectionState(LiveConnectionState.Connecting);
        Live.SetCatchingUp(true);
        Live.SetConnectionState(LiveConnectionState.Connected);
        Live.SetCatchingUp(false);

        Assert.Empty(cut.FindAll(".reconnect-banner"));
    }

    [Fact]
    public void Offline_for_too_long_offers_a_reload()
    {
        var time = new FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(time);
        Live.SetConnectionState(LiveConnectionState.Connected);
        var cut = Render<ReconnectBanner>(p => p.Add(x => x.ReloadAfter, TimeSpan.FromSeconds(30)));

        Live.SetConnectionState(LiveConnectionState.Reconnecting);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".reconnect-banner")));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(cut.FindAll(".reconnect-reload"));

        time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("Reload", cut.Find(".reconnect-reload").TextContent.Trim()));
        Assert.Contains("stale", cut.Find(".reconnect-banner").ClassList);

        Live.SetConnectionState(LiveConnectionState.Connected);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".reconnect-banner")));
    }

    [Fact]
    public void Coming_back_in_time_offers_no_reload()
    {
        Live.SetConnectionState(LiveConnectionState.Connected);
        var cut = Render<ReconnectBanner>(p => p.Add(x => x.ReloadAfter, TimeSpan.FromMilliseconds(100)));

        Live.SetConnectionState(LiveConnectionState.Reconnecting);
        Live.SetConnectionState(LiveConnectionState.Connected);
        Thread.Sleep(200);

        Assert.Empty(cut.FindAll(".reconnect-banner"));
    }
}
