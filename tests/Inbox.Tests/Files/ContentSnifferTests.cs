using System.Text;
using Inbox.Server.Files;

namespace Inbox.Tests.Files;

/// <summary>The stored type is what the bytes are; nothing a browser would run as a page is ever kept as such.</summary>
public sealed class ContentSnifferTests
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    public static readonly byte[] Html = Encoding.UTF8.GetBytes("  <html><script>alert(document.cookie)</script></html>");
    public static readonly byte[] Svg = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    [InlineData("application/pdf")]
    [InlineData(null)]
    public void A_png_is_a_png_whatever_was_claimed(string? claimed) => Assert.Equal("image/png", ContentSniffer.Decide(Png, claimed));

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    [InlineData("image/svg+xml")]
    public void Html_and_svg_are_stored_as_opaque_bytes_whatever_was_claimed(string claimed)
    {
        Assert.Equal(ContentSniffer.Binary, ContentSniffer.Decide(Html, claimed));
        Assert.Equal(ContentSniffer.Binary, ContentSniffer.Decide(Svg, claimed));
    }

    [Fact]
    public void Unrecognised_bytes_are_never_an_image_nor_a_dangerous_claim()
    {
        byte[] noise = [0x00, 0x13, 0x37, 0x00, 0xFE];
        Assert.Equal(ContentSniffer.Binary, ContentSniffer.Decide(noise, "image/png"));
        Assert.Equal(ContentSniffer.Binary, ContentSniffer.Decide(noise, "text/html; charset=utf-8"));
        Assert.Equal(ContentSniffer.Binary, ContentSniffer.Decide(noise, "application/xhtml+xml"));
        Assert.Equal("audio/aac", ContentSniffer.Decide(noise, "audio/aac"));
    }

    [Fact]
    public void Common_formats_are_recognised_by_their_magic_bytes()
    {
        Assert.Equal("image/jpeg", ContentSniffer.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal("image/gif", ContentSniffer.Sniff("GIF89a\x01\x00"u8));
        Assert.Equal("image/webp", ContentSniffer.Sniff("RIFF\x10\x00\x00\x00WEBPVP8 "u8));
        Assert.Equal("application/pdf", ContentSniffer.Sniff("%PDF-1.7\n"u8));
        Assert.Equal("application/zip", ContentSniffer.Sniff("PK\x03\x04\x14\x00"u8));
        Assert.Equal("audio/ogg", ContentSniffer.Sniff("OggS\x00\x02"u8));
        Assert.Equal("video/mp4", ContentSniffer.Sniff([0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2']));
        Assert.Equal("text/plain", ContentSniffer.Sniff("Hola, ¿qué tal?\r\n"u8));
    }

    [Fact]
    public void A_zip_claimed_as_an_office_document_keeps_the_claim_and_csv_stays_csv()
    {
        const string docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        Assert.Equal(docx, ContentSniffer.Decide("PK\x03\x04\x14\x00"u8, docx));
        Assert.Equal("application/zip", ContentSniffer.Decide("PK\x03\x04\x14\x00"u8, "text/html"));
        Assert.Equal("text/csv", ContentSniffer.Decide("a,b\n1,2\n"u8, "text/csv"));
        Assert.Equal("text/plain", ContentSniffer.Decide("a,b\n1,2\n"u8, "text/javascript"));
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/webp", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("image/bmp", false)]
    [InlineData("application/pdf", false)]
    public void Only_four_raster_formats_are_shown_inline(string type, bool inline) => Assert.Equal(inline, ContentSniffer.IsInlineImage(type));

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\ana\\factura.pdf", "factura.pdf")]
    [InlineData("a\"b\r\nc.txt", "abc.txt")]
    [InlineData("  ", "file")]
    [InlineData(".htaccess", "htaccess")]
    public void File_names_lose_folders_quotes_and_control_characters(string name, string expected) => Assert.Equal(expected, FileNames.Clean(name));
}
