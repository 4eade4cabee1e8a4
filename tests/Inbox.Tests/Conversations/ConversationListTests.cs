using System.Net;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Conversations;

/// <summary>
/// The agent's inbox list: filters, newest activity first, keyset paging; and a thread's messages, paged back in time.
/// The server is shared: each test pushes through its own channel and lists with channelId, so it sees only its own threads.
/// </summary>
public sealed class ConversationListTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task The_newest_activity_comes_first_and_a_reply_moves_a_thread_up()
    {
        var a = await NewConversationAsync("+34600200001");
        var b = await NewConversationAsync("+34600200002");
        var c = await NewConversationAsync("+34600200003");
        Assert.Equal([c, b, a], await ListIdsAsync(""));

        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(a), new ReplyRequest("Enseguida"));

        Assert.Equal([a, c, b], await ListIdsAsync(""));
    }

    [Fact]
    public async Task Filtering_by_status_returns_only_that_status()
    {
        var open = await NewConversationAsync("+34600200011");
        var resolved = await NewConversationAsync("+34600200012");
        var pending = await NewConversationAsync("+34600200013");
        await Admin.ChangeStatusAsync(resolved, ConversationStatus.Resolved);
        await Admin.ChangeStatusAsync(pending, ConversationStatus.Pending);

        Assert.Equal([open], await ListIdsAsync("status=open"));
        Assert.Equal([resolved], await ListIdsAsync("status=resolved"));
        Assert.Equal([pending], await ListIdsAsync("status=Pending"));
        Assert.Empty(await ListIdsAsync("status=snoozed"));
    }

    [Fact]
    public async Task Filtering_by_assignee_me_unassigned_or_an_id()
    {
        var me = await Admin.GetJsonAsync<UserDto>(Routes.Me);
        var agent = await App.CreateAgentAsync(Admin, "sara@shop.test");
        var mine = await NewConversationAsync("+34600200021");
        var hers = await NewConversationAsync("+34600200022");
        var nobodys = await NewConversationAsync("+34600200023");
        await Admin.AssignAsync(mine, me.Id, null);
        await Admin.AssignAsync(hers, agent.Id, null);

        Assert.Equal([mine], await ListIdsAsync("assignee=me"));
        Assert.Equal([nobodys], await ListIdsAsync("assignee=unassigned"));
        Assert.Equal([hers], await ListIdsAsync($"assignee={agent.Id}"));
        var herOwnView = await agent.Client.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?assignee=me&channelId={Channel.Id}");
        Assert.Equal([hers], herOwnView.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Filtering_by_unread_leaves_out_threads_that_were_read_or_answered()
    {
        var unread = await NewConversationAsync("+34600200031");
        var read = await NewConversationAsync("+34600200032");
        var answered = await NewConversationAsync("+34600200033");
        (await Admin.PostAsync(Routes.ConversationRead(read), null)).EnsureSuccessOrDump();
        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(answered), new ReplyRequest("Hecho"));

        Assert.Equal([unread], await ListIdsAsync("unread=true"));
        Assert.Equal([answered, read], await ListIdsAsync("unread=false"));
    }

    [Fact]
    public async Task Filtering_by_channel_finds_threads_with_a_message_on_it()
    {
        var other = await App.CreateApiChannelAsync(Admin, name: $"Second shop {Guid.NewGuid():N}");
        var onlyFirst = await NewConversationAsync("+34600200041");
        var both = await NewConversationAsync("+34600200042");
        var onlySecond = (await App.PushAcceptedAsync(other, "o-1", "+34600200043", "desde la otra tienda")).ConversationId;
        await App.PushAcceptedAsync(other, "o-2", "+34600200042", "también aquí");

        Assert.Equal([both, onlySecond], await ListIdsAsync("", other.Id));
        Assert.Equal([both, onlyFirst], await ListIdsAsync(""));
    }

    [Fact]
    public async Task Paging_with_a_cursor_returns_every_conversation_once_in_order()
    {
        var created = new List<long>();
        for (var i = 1; i <= 7; i++) created.Add(await NewConversationAsync($"+3460020010{i}"));
        created.Reverse();

        var seen = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var query = $"{Routes.Conversations}?channelId={Channel.Id}&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await Admin.GetJsonAsync<ConversationPage>(query);
            Assert.True(page.Items.Count <= 3, $"page of {page.Items.Count}");
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task Paging_combines_with_filters()
    {
        var open = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            var id = await NewConversationAsync($"+3460020020{i}");
            if (i % 2 == 0) await Admin.ChangeStatusAsync(id, ConversationStatus.Resolved);
            else open.Add(id);
        }
        open.Reverse();

        var query = $"{Routes.Conversations}?channelId={Channel.Id}&status=open&limit=2";
        var first = await Admin.GetJsonAsync<ConversationPage>(query);
        var second = await Admin.GetJsonAsync<ConversationPage>($"{query}&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.Equal(open, first.Items.Concat(second.Items).Select(i => i.Id));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=eHx5", "cursor")] // base64url of "x|y": the right shape, but not a position
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("status=bogus", "status")]
    [InlineData("status=1", "status")]
    [InlineData("status=open,resolved", "status")] // not a list of statuses, and never silently a third one
    [InlineData("assignee=someone", "assignee")]
    public async Task Bad_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        var response = await Admin.GetAsync($"{Routes.Conversations}?{query}");

        Assert.Contains($"\"{field}\"", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_threads_messages_page_back_to_the_first_in_order()
    {
        var conversation = await NewConversationAsync("+34600200401", "m-0");
        for (var i = 1; i <= 3; i++) await App.PushAcceptedAsync(Channel, $"m-{i}", "+34600200401", $"mensaje {i}");
        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversation), new ReplyRequest("respuesta"));
        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationNotes(conversation), new NoteRequest("nota"));

        var newest = await Admin.GetJsonAsync<MessagePage>($"{Routes.ConversationMessages(conversation)}?limit=2");
        var all = new List<MessageDto>(newest.Items);
        var cursor = newest.NextCursor;
        var pages = 1;
        while (cursor is not null && pages < 10)
        {
            var older = await Admin.GetJsonAsync<MessagePage>($"{Routes.ConversationMessages(conversation)}?limit=2&cursor={Uri.EscapeDataString(cursor)}");
            Assert.True(older.Items[^1].Id < all[0].Id, "an older page holds older messages");
            all.InsertRange(0, older.Items);
            cursor = older.NextCursor;
            pages++;
        }

        Assert.Equal(["respuesta", "nota"], newest.Items.Select(m => m.Text));
        Assert.Equal(3, pages);
        Assert.Equal(["hola", "mensaje 1", "mensaje 2", "mensaje 3", "respuesta", "nota"], all.Select(m => m.Text));
        Assert.Equal(all.Select(m => m.Id).Order(), all.Select(m => m.Id));
    }

    [Theory]
    [InlineData("limit=0", "+34600200501")]
    [InlineData("cursor=not-a-cursor", "+34600200502")]
    public async Task Bad_message_paging_parameters_are_a_400(string query, string phone)
    {
        var conversation = await NewConversationAsync(phone);

        var response = await Admin.GetAsync($"{Routes.ConversationMessages(conversation)}?{query}");

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    private async Task<long> NewConversationAsync(string phone, string messageId = "first") =>
        (await App.PushAcceptedAsync(Channel, $"{messageId}-{phone}", phone, "hola")).ConversationId;

    /// <summary>The ids listed for this test's channel (or <paramref name="channelId"/>), newest first.</summary>
    private async Task<List<long>> ListIdsAsync(string query, long? channelId = null) =>
        (await Admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={channelId ?? Channel.Id}&{query}")).Items.Select(i => i.Id).ToList();
}
