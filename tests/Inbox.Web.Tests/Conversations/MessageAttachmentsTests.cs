using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>A message's files: raster images as thumbnails through the authorised endpoint, anything else a download link.</summary>
public sealed class MessageAttachmentsTests : ConsoleTestContext
{
    [Fact]
    public void An_image_is_a_thumbnail_and_a_pdf_a_download_link_both_through_the_authorised_endpoint()
    {
        var message = Fixtures.Inbound(1, 10, "mira") with
        {
            Attachments = [new AttachmentDto(41, "foto.png", "image/png", 2048), new AttachmentDto(42, "factura.pdf", "application/pdf", 3 * 1024 * 1024)],
        };
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, message));

        var img = cut.Find(".message-attachment.image img");
        Assert.Equal(Routes.Attachment(41), img.GetAttribute("src"));
        Assert.Equal("foto.png", img.GetAttribute("alt"));
        var link = cut.Find(".message-attachment.file a");
        Assert.Equal(Routes.Attachment(42), link.GetAttribute("href"));
        Assert.Equal("factura.pdf", link.GetAttribute("download"));
        Assert.Equal("factura.pdf", link.TextContent);
        Assert.Equal("3 MB", cut.Find(".message-attachment.file .message-attachment-size").TextContent);
        Assert.Single(cut.FindAll("img"));
    }

    [Fact]
    public void Svg_and_html_are_links_never_images_and_a_hostile_name_is_text()
    {
        const string evil = "<img src=x onerror=alert(1)>.svg";
        var message = Fixtures.Inbound(2, 10, "") with
        {
            Attachments = [new AttachmentDto(51, evil, "image/svg+xml", 300), new AttachmentDto(52, "page.html", "text/html", 100)],
        };
        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, message));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("iframe, object, embed"));
        var links = cut.FindAll(".message-attachment.file a");
        Assert.Equal([Routes.Attachment(51), Routes.Attachment(52)], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(evil, links[0].TextContent);
    }
}
