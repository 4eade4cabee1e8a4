using System.Collections.Concurrent;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Tests.Widget;

/// <summary>The conversation live, both ways: the visitor writes, the agent sees it and answers, the visitor's widget
/// receives the answer (and it becomes delivered), typing, page views, sneak peek and a proactive "start chat".</summary>
public sealed class WidgetLiveTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    private readonly InboxAppFactory _app = shared.App;

    [Fact]
    public async Task A_visitor_writes_an_agent_sees_it_and_replies_and_the_widget_receives_the_reply_live_and_acknowledges_it()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var agent = await _app.ConnectAgentAsync(shared.AdminToken);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        Assert.Empty(await visitor.ConnectAsync());

        var sent = await visitor.WriteAsync("Is the blue one in stock?");
        var received = await agent.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == sent.Id);
        Assert.Equal(ChannelTypes.WebChat, received.ChannelType);

        var reply = await shared.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(received.ConversationId), new ReplyRequest("Yes, two left."));
        var live = await visitor.WaitForAsync<WidgetMessageDto>(nameof(IWidgetClient.Message), m => m.Id == reply.Id);
        Assert.Equal(WidgetAuthor.Agent, live.From);
        Assert.Equal("Yes, two left.", live.Text);
        Assert.NotNull(live.AgentName);

        // Sent once stored and pushed; delivered when the widget says it showed it.
        await visitor.Hub!.InvokeAsync(nameof(IWidgetHub.Ack), reply.Id);
        await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id && s.Status == MessageStatus.Delivered);

        // Private notes never reach the visitor.
        await shared.Admin.PostJsonAsync<MessageDto>(Routes.ConversationNotes(received.ConversationId), new NoteRequest("VIP customer"));
        Assert.DoesNotContain(await visitor.HistoryAsync(), m => m.Text == "VIP customer");
    }

    [Fact]
    public async Task A_widget_that_reconnects_catches_up_on_what_arrived_while_it_was_away()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        var first = await visitor.WriteAsync("Hello");
        var conversationId = await ConversationOfAsync(first.Id);
        var reply1 = await shared.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("One"));
        var reply2 = await shared.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Two"));

        var missed = await visitor.ConnectAsync(afterMessageId: first.Id);
        Assert.Equal([reply1.Id, reply2.Id], missed.Select(m => m.Id));
    }

    [Fact]
    public async Task Typing_goes_both_ways()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var agent = await _app.ConnectAgentAsync(shared.AdminToken);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        var first = await visitor.WriteAsync("Hi");
        var conversationId = await ConversationOfAsync(first.Id);
        await visitor.ConnectAsync();
        await agent.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversationId);

        await visitor.Hub!.InvokeAsync(nameof(IWidgetHub.Typing), true);
        await agent.WaitForAsync<TypingDto>(nameof(IAgentClient.Typing), t => t.ConversationId == conversationId && t.IsTyping && t.UserId is null);

        await agent.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversationId, true);
        await visitor.WaitForAsync<(string? Name, bool Typing)>(nameof(IWidgetClient.AgentTyping), t => t.Typing);
    }

    [Fact]
    public async Task Agents_see_live_visitors_with_their_pages_and_referrer_and_the_page_changing_live()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var agent = await _app.ConnectAgentAsync(shared.AdminToken);
        var updates = Record<LiveVisitorDto>(agent, nameof(IAgentVisitorClient.VisitorUpdated));
        var left = Record<string>(agent, nameof(IAgentVisitorClient.VisitorLeft));
        await using var visitor = await _app.OpenWidgetAsync(channel);
        await visitor.ConnectAsync(url: "https://shop.test/shoes", title: "Shoes", referrer: "https://search.test/?q=shoes");
        var id = visitor.Session.VisitorId;

        await Eventually.GetAsync(() => Task.FromResult(updates.ToList()), u => u.Any(v => v.VisitorId == id && v.CurrentPage?.Url == "https://shop.test/shoes"));
        await visitor.Hub!.InvokeAsync(nameof(IWidgetHub.PageView), new PageViewDto("https://shop.test/shoes/blue", "Blue shoes", null));
        // A page the browser cannot have (script URL) is not shown to agents.
        await visitor.Hub!.InvokeAsync(nameof(IWidgetHub.PageView), new PageViewDto("javascript:alert(1)", "x", null));
        var latest = await Eventually.GetAsync(() => Task.FromResult(updates.LastOrDefault(v => v.VisitorId == id)), v => v?.CurrentPage?.Url == "https://shop.test/shoes/blue");
        Assert.Equal(["https://shop.test/shoes", "https://shop.test/shoes/blue"], latest!.Pages.Select(p => p.Url));
        Assert.Equal("https://search.test/?q=shoes", latest.Referrer);
        Assert.False(latest.Returning);

        var list = await shared.Admin.GetJsonAsync<List<LiveVisitorDto>>(WidgetRoutes.LiveVisitors);
        Assert.Contains(list, v => v.VisitorId == id && v.CurrentPage!.Title == "Blue shoes");

        await visitor.Hub!.StopAsync();
        await Eventually.GetAsync(() => Task.FromResult(left.ToList()), l => l.Contains(id));
        Assert.DoesNotContain(await shared.Admin.GetJsonAsync<List<LiveVisitorDto>>(WidgetRoutes.LiveVisitors), v => v.VisitorId == id);
    }

    [Fact]
    public async Task Sneak_peek_shows_agents_the_draft_only_when_the_channel_opts_in()
    {
        var quiet = await _app.CreateWebChatAsync(shared.Admin);
        var peeking = await _app.CreateWebChatAsync(shared.Admin, sneakPeek: true);
        await using var agent = await _app.ConnectAgentAsync(shared.AdminToken);
        var drafts = Record<VisitorDraftDto>(agent, nameof(IAgentVisitorClient.VisitorDraft));

        await using var private1 = await _app.OpenWidgetAsync(quiet);
        Assert.False(private1.Session.Config.SneakPeek);
        await private1.ConnectAsync();
        await private1.Hub!.InvokeAsync(nameof(IWidgetHub.Draft), "secret draft");

        await using var open = await _app.OpenWidgetAsync(peeking);
        Assert.True(open.Session.Config.SneakPeek);
        await open.ConnectAsync();
        await open.Hub!.InvokeAsync(nameof(IWidgetHub.Draft), "I want to retu");
        await Eventually.GetAsync(() => Task.FromResult(drafts.ToList()), d => d.Any(x => x.VisitorId == open.Session.VisitorId && x.Text == "I want to retu"));
        Assert.DoesNotContain(drafts, d => d.VisitorId == private1.Session.VisitorId);
    }

    [Fact]
    public async Task An_agent_starts_the_chat_and_the_widget_opens_with_the_agents_message()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        await visitor.ConnectAsync(url: "https://shop.test/checkout");

        var message = await shared.Admin.PostJsonAsync<MessageDto>(WidgetRoutes.Invite(visitor.Session.VisitorId), new InviteVisitorRequest("Need help with checkout?"));
        var invitation = await visitor.WaitForAsync<WidgetMessageDto>(nameof(IWidgetClient.Invitation), m => m.Id == message.Id);
        Assert.Equal("Need help with checkout?", invitation.Text);
        Assert.Equal(ChannelTypes.WebChat, message.ChannelType);

        // The visitor answers into the same thread.
        var answer = await visitor.WriteAsync("Yes please");
        Assert.Equal(message.ConversationId, await ConversationOfAsync(answer.Id));
        Assert.Equal(["Need help with checkout?", "Yes please"], (await visitor.HistoryAsync()).Select(m => m.Text));
    }

    [Fact]
    public async Task The_hub_serves_nothing_before_start_and_refuses_a_token_of_another_channel()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        var other = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);

        await using var hub = WidgetVisitor.BuildHub(_app, other.Key, WidgetSite.ShopOrigin);
        await hub.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(IWidgetHub.Typing), true));
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<IReadOnlyList<WidgetMessageDto>>(nameof(IWidgetHub.Start), visitor.Token, 0L, new PageViewDto("https://shop.test/", null, null)));
        Assert.Contains("Unknown visitor", refused.Message);
    }

    [Fact]
    public async Task A_widget_that_floods_the_hub_is_disconnected()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        await visitor.ConnectAsync();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        visitor.Hub!.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        // The budget is 10 calls a second with bursts of 30 (Inbox:Widget:HubCallsPerSecond).
        var refused = false;
        for (var i = 0; i < 200 && !refused; i++)
        {
            try { await visitor.Hub.InvokeAsync(nameof(IWidgetHub.Typing), i % 2 == 0); }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or TaskCanceledException) { refused = true; }
        }
        Assert.True(refused, "200 calls in a row were all served");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private static ConcurrentQueue<T> Record<T>(AgentLiveClient agent, string method)
    {
        var queue = new ConcurrentQueue<T>();
        agent.Connection.On<T>(method, queue.Enqueue);
        return queue;
    }

    private async Task<long> ConversationOfAsync(long messageId)
    {
        await using var db = _app.OpenDatabase();
        return await Dapper.SqlMapper.QuerySingleAsync<long>(db, "SELECT conversation_id FROM messages WHERE id = @Id", new { Id = messageId });
    }
}
