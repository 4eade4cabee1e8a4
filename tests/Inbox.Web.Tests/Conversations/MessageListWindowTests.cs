using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>The thread renders only a window of its lines: bounded at any length, following the newest while the agent is
/// there, held in place when older pages arrive, moved to a search hit, and a button for what arrived while away.</summary>
public sealed class MessageListWindowTests : ConsoleTestContext
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    /// <summary>Messages 1..n a minute apart (about a week for 10,000: day lines too).</summary>
    private static List<MessageDto> Thread(int count, int from = 1) =>
        Enumerable.Range(from, count).Select(i => i % 3 == 0
            ? Fixtures.Outbound(i, 5, $"m{i}", MessageStatus.Delivered, at: Fixtures.T0.AddMinutes(i))
            : Fixtures.Inbound(i, 5, $"m{i}", at: Fixtures.T0.AddMinutes(i))).ToList();

    private IRenderedComponent<MessageList> RenderList(List<MessageDto> messages, bool hasOlder = false, Action? onLoadOlder = null, long? focus = null) =>
        Render<MessageList>(p =>
        {
            p.Add(x => x.Messages, messages).Add(x => x.HasOlder, hasOlder).Add(x => x.Zone, Utc).Add(x => x.FocusMessageId, focus);
            if (onLoadOlder is not null) p.Add(x => x.OnLoadOlder, onLoadOlder);
        });

    private static List<long> Rendered(IRenderedComponent<MessageList> list) =>
        list.FindAll(".message-row").Select(r => long.Parse(r.GetAttribute("data-message-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void A_ten_thousand_message_thread_renders_a_bounded_window_ending_at_the_newest()
    {
        var list = RenderList(Thread(10_000));

        var rendered = Rendered(list);
        Assert.InRange(rendered.Count, 50, 199);
        Assert.Equal(10_000, rendered[^1]);
        Assert.Equal(Enumerable.Range((int)rendered[0], rendered.Count).Select(i => (long)i), rendered); // one unbroken stretch
        Assert.True(list.FindAll(".message-list > *").Count <= ThreadWindow.DefaultSize + 2); // + the "load older" button and the window's day line
        Assert.Equal("true", list.Find(".message-list").GetAttribute("data-more-older"));
        Assert.Equal("false", list.Find(".message-list").GetAttribute("data-more-newer"));
    }

    [Fact]
    public async Task Nearing_either_end_slides_the_window_and_it_stays_bounded()
    {
        var list = RenderList(Thread(1_000));
        var first = Rendered(list);

        for (var i = 0; i < 5; i++) Assert.True(await list.InvokeAsync(() => list.Instance.ShowOlder()));

        var back = Rendered(list);
        Assert.True(back[0] < first[0] - 100, $"window starts at {back[0]}, was {first[0]}");
        Assert.InRange(back.Count, 50, 199);
        Assert.DoesNotContain(1_000L, back);
        Assert.Equal("true", list.Find(".message-list").GetAttribute("data-more-newer"));

        while (await list.InvokeAsync(() => list.Instance.ShowNewer())) { }
        Assert.Equal(first, Rendered(list));
        Assert.Equal("false", list.Find(".message-list").GetAttribute("data-more-newer"));
    }

    [Fact]
    public async Task At_the_oldest_loaded_line_the_next_page_is_asked_for_and_at_the_beginning_nothing_is()
    {
        var asked = 0;
        var list = RenderList(Thread(30), hasOlder: true, onLoadOlder: () => asked++);

        Assert.True(await list.InvokeAsync(() => list.Instance.ShowOlder()));
        Assert.Equal(1, asked);
        Assert.NotEmpty(list.FindAll(".load-older"));

        list.Render(p => p.Add(x => x.HasOlder, false));
        Assert.False(await list.InvokeAsync(() => list.Instance.ShowOlder()));
        Assert.Equal(1, asked);
        Assert.Equal("false", list.Find(".message-list").GetAttribute("data-more-older"));
    }

    [Fact]
    public async Task Older_pages_arriving_in_front_do_not_move_a_window_scrolled_back()
    {
        var list = RenderList(Thread(500, from: 1_001), hasOlder: true);
        await list.InvokeAsync(() => list.Instance.ShowOlder());
        var before = Rendered(list);

        list.Render(p => p.Add(x => x.Messages, Thread(1_500)).Add(x => x.HasOlder, false));

        Assert.Equal(before, Rendered(list));
    }

    [Fact]
    public async Task A_message_arriving_while_the_agent_reads_above_is_counted_and_the_button_goes_back_to_the_newest()
    {
        var messages = Thread(300);
        var list = RenderList(messages);
        await list.InvokeAsync(() => list.Instance.AtBottomChanged(false));

        list.Render(p => p.Add(x => x.Messages, Thread(302)));

        Assert.Contains("(2)", list.Find(".new-messages").TextContent);
        Assert.Equal(302, Rendered(list)[^1]); // the window follows the newest: the line is there below the reader

        // Scrolled far back: the newest is not even rendered until the button is used.
        await list.InvokeAsync(() => list.Instance.ShowOlder());
        await list.InvokeAsync(() => list.Instance.ShowOlder());
        await list.InvokeAsync(() => list.Instance.ShowOlder());
        list.Render(p => p.Add(x => x.Messages, Thread(303)));
        Assert.Contains("(3)", list.Find(".new-messages").TextContent);
        Assert.DoesNotContain(303L, Rendered(list));

        await list.InvokeAsync(() => list.Find(".new-messages").Click());

        Assert.Empty(list.FindAll(".new-messages"));
        Assert.Equal(303, Rendered(list)[^1]);
        Assert.Equal("false", list.Find(".message-list").GetAttribute("data-more-newer"));
    }

    [Fact]
    public async Task At_the_bottom_a_new_message_just_shows_and_reaching_the_bottom_clears_the_count()
    {
        var list = RenderList(Thread(300));

        list.Render(p => p.Add(x => x.Messages, Thread(301)));
        Assert.Empty(list.FindAll(".new-messages"));
        Assert.Equal(301, Rendered(list)[^1]);

        await list.InvokeAsync(() => list.Instance.AtBottomChanged(false));
        list.Render(p => p.Add(x => x.Messages, Thread(302)));
        Assert.Single(list.FindAll(".new-messages"));
        await list.InvokeAsync(() => list.Instance.AtBottomChanged(true)); // the agent scrolled down to it
        Assert.Empty(list.FindAll(".new-messages"));
    }

    [Fact]
    public void A_search_hit_deep_in_history_is_rendered_and_handed_to_the_scroll_box()
    {
        var list = RenderList(Thread(10_000), focus: 137);

        var rendered = Rendered(list);
        Assert.Contains(137L, rendered);
        Assert.InRange(rendered.Count, 50, 199);
        Assert.Equal("137", list.Find(".message-list").GetAttribute("data-reveal"));
    }

    [Fact]
    public void Live_edits_and_statuses_show_on_a_rendered_line()
    {
        var messages = Thread(400);
        var list = RenderList(messages);

        var changed = messages.Select(m => m.Id switch
        {
            399 => m with { Text = "m399, corrected", EditedAt = Fixtures.T0.AddDays(1) },
            396 => m with { Status = MessageStatus.Failed, Error = "Recipient blocked the number" },
            _ => m,
        }).ToList();
        list.Render(p => p.Add(x => x.Messages, changed));

        Assert.Equal("m399, corrected", list.Find("[data-message-id='399'] .message-text").TextContent);
        Assert.Single(list.FindAll("[data-message-id='399'] .message-edited"));
        Assert.Equal("Recipient blocked the number", list.Find("[data-message-id='396'] .message-error").TextContent.Trim());
    }

    [Fact]
    public void Day_lines_come_before_each_days_first_line_with_today_and_yesterday_in_words()
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var list = RenderList(
        [
            Fixtures.Inbound(1, 5, "long ago", at: new DateTimeOffset(2024, 3, 9, 10, 0, 0, TimeSpan.Zero)),
            Fixtures.Inbound(2, 5, "ayer", at: today.AddHours(-1)),
            Fixtures.Inbound(3, 5, "hoy 1", at: today),
            Fixtures.Inbound(4, 5, "hoy 2", at: today.AddSeconds(1)),
        ]);

        var lines = list.FindAll(".day-line, .message-row").Select(e => e.ClassList.Contains("day-line") ? "day:" + e.TextContent.Trim() : e.GetAttribute("data-message-id")).ToList();
        Assert.Equal(["day:Saturday, March 9, 2024", "1", "day:Yesterday", "2", "day:Today", "3", "4"], lines);
    }

    [Fact]
    public async Task A_window_starting_inside_a_day_opens_with_that_days_line_and_keeps_one_line_per_day()
    {
        var list = RenderList(Thread(10_000)); // a minute apart: the window's first line is well inside its day

        for (var i = 0; i < 3; i++)
        {
            var first = list.Find(".message-list > .day-line, .message-list > .message-row");
            var firstMessage = list.Find(".message-row");
            var day = DateOnly.FromDateTime(Fixtures.T0.AddMinutes(long.Parse(firstMessage.GetAttribute("data-message-id")!, System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime);
            Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), first.GetAttribute("data-day"));
            var days = list.FindAll(".day-line").Select(d => d.GetAttribute("data-day")).ToList();
            Assert.Equal(days.Distinct().Count(), days.Count);
            await list.InvokeAsync(() => list.Instance.ShowOlder());
        }
    }

    [Fact]
    public async Task A_thread_opened_at_a_search_hit_loads_large_pages_until_it_and_renders_only_around_it()
    {
        var all = Thread(10_000);
        Http.OnJson(HttpMethod.Get, Routes.Conversation(5), Fixtures.Conversation(5, "María", assigneeId: Me.Id));
        Http.OnJson(HttpMethod.Get, Routes.Contact(105), Fixtures.Contact(105, "María", Fixtures.Identity(501, IdentityKind.Phone, "+34600000001")));
        Http.On(HttpMethod.Get, Routes.ConversationMessages(5), request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var before = query["cursor"] is { } cursor ? int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture) : 10_001;
            var limit = int.Parse(query["limit"]!, System.Globalization.CultureInfo.InvariantCulture);
            var page = all.Where(m => m.Id < before).TakeLast(limit).ToList();
            return FakeHttpHandler.Json(new MessagePage(page, page[0].Id > 1 ? page[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        });
        await SignInAsync();

        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5).Add(x => x.FocusMessageId, 137));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-message-id='137']")));
        Assert.InRange(cut.FindAll(".message-row").Count, 50, 199);
        var pages = Http.Requests.Where(r => r.PathAndQuery.StartsWith(Routes.ConversationMessages(5), StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + 50, pages.Count); // the first 50, then 200 a page down to message 137
        Assert.All(pages.Skip(1), r => Assert.Contains("limit=200", r.PathAndQuery));
    }
}
