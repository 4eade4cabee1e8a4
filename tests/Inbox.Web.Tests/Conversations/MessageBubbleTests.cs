using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

public sealed class MessageBubbleTests : ConsoleTestContext
{
    [Fact]
    public void Customer_markup_is_rendered_as_text_not_html()
    {
        const string evil = "<script>alert(1)</script><b>bold</b><img src=x onerror=alert(2)>";
        var cut = Render<MessageBubble>(p => p
            .Add(x => x.Message, Fixtures.Inbound(1, 10, evil))
            .Add(x => x.ContactName, "<i>María</i>"));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll(".message-text b"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll(".message-author i"));
        Assert.Equal(evil, cut.Find(".message-text").TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup);
    }

    [Fact]
    public void An_edited_message_says_so_and_an_unedited_one_does_not()
    {
        var edited = Render<MessageBubble>(p => p.Add(x => x.Message, Fixtures.Inbound(1, 10, "talla 42") with { EditedAt = Fixtures.T0 }));
        var plain = Render<MessageBubble>(p => p.Add(x => x.Message, Fixtures.Inbound(2, 10, "hola")));

        Assert.Equal("edited", edited.Find(".message-edited").TextContent);
        Assert.Empty(plain.FindAll(".message-edited"));
    }

    [Fact]
    public void Failed_outbound_message_shows_status_and_error()
    {
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message,
            Fixtures.Outbound(2, 10, "Your order shipped", MessageStatus.Failed, error: "WhatsApp: 24h window closed")));

        Assert.Contains("Failed", cut.Find(".message-status").TextContent);
        Assert.Equal("WhatsApp: 24h window closed", cut.Find(".message-error").TextContent.Trim());
        Assert.Contains("outbound", cut.Find(".message-row").ClassList);
    }

    [Fact]
    public void Failed_message_without_error_still_explains()
    {
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, Fixtures.Outbound(2, 10, "x", MessageStatus.Failed)));

        Assert.Equal("Not delivered (no reason given).", cut.Find(".message-error").TextContent.Trim());
    }

    [Fact]
    public void Delivered_message_shows_no_error()
    {
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, Fixtures.Outbound(3, 10, "ok", MessageStatus.Delivered)));

        Assert.Contains("Delivered", cut.Find(".message-status").TextContent);
        Assert.Empty(cut.FindAll(".message-error"));
    }

    [Fact]
    public void Private_note_is_marked_and_has_no_delivery_status()
    {
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, Fixtures.Outbound(4, 10, "VIP, be nice", isPrivate: true)));

        var row = cut.Find(".message-row");
        Assert.Contains("note", row.ClassList);
        Assert.DoesNotContain("outbound", row.ClassList);
        Assert.Contains("Private note", cut.Find(".message-note-label").TextContent);
        Assert.Empty(cut.FindAll(".message-status"));
    }

    [Fact]
    public void Inbound_message_shows_its_channel_type()
    {
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, Fixtures.Inbound(5, 10, "hola")));

        Assert.Contains("inbound", cut.Find(".message-row").ClassList);
        Assert.Equal("WhatsApp", cut.Find(".message-channel").TextContent.Trim());
    }
}
