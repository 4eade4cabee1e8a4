using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

public sealed class ConversationViewTests : ConsoleTestContext
{
    public ConversationViewTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversation(5), Fixtures.Conversation(5, "María", unread: 2, assigneeId: Me.Id));
        Http.OnJson(HttpMethod.Get, Routes.ConversationMessages(5), new MessagePage(
        [
            Fixtures.Inbound(1, 5, "¿Tienen talla M?", identityId: 502),
            Fixtures.Outbound(2, 5, "Sí", MessageStatus.Sent),
        ], "older"));
        Http.OnJson(HttpMethod.Get, Routes.Contact(105), Fixtures.Contact(105, "María",
            Fixtures.Identity(501, IdentityKind.Phone, "+34600000001"),
            Fixtures.Identity(502, IdentityKind.Email, "maria@example.com")));
        Http.OnJson(HttpMethod.Post, Routes.ConversationRead(5), Fixtures.Conversation(5, "María", unread: 0, assigneeId: Me.Id));
    }

    [Fact]
    public async Task A_failed_reply_is_retried_from_the_thread_and_its_later_statuses_apply()
    {
        Http.OnJson(HttpMethod.Post, Routes.MessageRetry(5, 2), Fixtures.Outbound(2, 5, "Sí", MessageStatus.Queued));
        await SignInAsync();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));
        Live.OnMessageStatusChanged(70, new MessageStatusDto(2, 5, MessageStatus.Failed, "Webhook answered 500"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button.message-retry")));

        cut.Find("button.message-retry").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".message-error")));
        Assert.Contains(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.MessageRetry(5, 2));
        Live.OnMessageStatusChanged(72, new MessageStatusDto(2, 5, MessageStatus.Sent, null));
        cut.WaitForAssertion(() => Assert.Contains("status-sent", cut.Find("[data-message-id='2'] .message-status").ClassName));
    }

    [Fact]
    public async Task A_reply_that_cannot_reach_the_server_says_so_in_words_and_keeps_the_draft()
    {
        Http.OnAsync(HttpMethod.Post, Routes.ConversationMessages(5), _ => throw new HttpRequestException("TypeError: Failed to fetch"));
        await SignInAsync();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));

        cut.Find("textarea").Input("Sí, la tenemos");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("button.composer-send").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("the server cannot be reached", snackbars.Markup));
        Assert.DoesNotContain("Failed to fetch", snackbars.Markup);
        Assert.Equal("Sí, la tenemos", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        Assert.Equal(2, cut.FindAll(".message-row").Count);
    }

    [Fact]
    public async Task Opens_thread_marks_it_read_joins_hub_and_applies_live_status()
    {
        await SignInAsync();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));
        Assert.Contains(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ConversationRead(5));
        Assert.Contains("join:5", Hub.Calls);
        Assert.NotEmpty(cut.FindAll(".load-older"));
        Assert.Equal("María", cut.Find(".contact-name").TextContent.Trim());

        Live.OnMessageStatusChanged(70, new MessageStatusDto(2, 5, MessageStatus.Failed, "Recipient blocked the number"));

        cut.WaitForAssertion(() => Assert.Equal("Recipient blocked the number", cut.Find(".message-error").TextContent.Trim()));
    }

    [Fact]
    public async Task Reply_goes_to_the_identity_of_the_last_inbound_message_and_appears_once()
    {
        var queued = Fixtures.Outbound(3, 5, "Sí, la tenemos", MessageStatus.Queued);
        Http.OnJson(HttpMethod.Post, Routes.ConversationMessages(5), queued, HttpStatusCode.Created);
        await SignInAsync();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));

        cut.Find("textarea").Input("Sí, la tenemos");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("button.composer-send").Click();
        // The hub echoes the same message as MessageCreated: still one bubble.
        Live.OnMessageCreated(71, queued);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".message-row").Count));
        var post = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ConversationMessages(5));
        Assert.Contains("\"identityId\":502", post.Body);
        Assert.Equal("xsrf-1", post.Headers[Routes.AntiforgeryHeader]);
    }

    [Fact]
    public async Task Typing_from_the_contact_is_shown()
    {
        await SignInAsync();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));

        Live.OnTyping(new TypingDto(5, null, null, true));

        cut.WaitForAssertion(() => Assert.Contains("María is typing", cut.Find(".typing-indicator").TextContent));
    }

    [Fact]
    public async Task Open_thread_merged_away_follows_to_the_surviving_thread()
    {
        await SignInAsync();
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo("/conversations/5");
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));

        Live.OnConversationRemoved(80, new ConversationRemovedDto(7, 5)); // another thread: ignored
        Assert.Equal("http://localhost/conversations/5", nav.Uri);
        Live.OnConversationRemoved(81, new ConversationRemovedDto(5, 9));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/conversations/9", nav.Uri));
    }

    [Fact]
    public async Task Merging_another_contact_in_reloads_the_thread()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contacts, new[] { new ContactSummaryDto(300, "Maria Duplicate", "maria.d@example.com", null) });
        Http.OnJson(HttpMethod.Post, Routes.ContactMerge(105), Fixtures.Contact(105, "María"));
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));
        Assert.Contains("#105", cut.Find(".contact-id").TextContent);
        // After the merge the thread holds the other contact's messages too.
        Http.OnJson(HttpMethod.Get, Routes.ConversationMessages(5), new MessagePage(
        [
            Fixtures.Inbound(1, 5, "¿Tienen talla M?", identityId: 502),
            Fixtures.Outbound(2, 5, "Sí", MessageStatus.Sent),
            Fixtures.Inbound(3, 5, "Soy yo otra vez", identityId: 503),
        ], null));

        cut.Find(".contact-merge").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".merge-search input")));
        await host.InvokeAsync(() => host.Find(".merge-search input").Input("Maria D"));
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".merge-result")), TimeSpan.FromSeconds(5));
        host.Find(".merge-result").Click();
        host.WaitForAssertion(() => Assert.Contains("Maria Duplicate", host.Find(".merge-summary").TextContent));
        host.Find(".merge-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".message-row").Count));
        var merge = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ContactMerge(105));
        Assert.Equal("{\"sourceContactId\":300}", merge.Body);
    }
}
