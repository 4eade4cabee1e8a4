using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Tests.Connectors;

/// <summary>One customer, however their address is written, is one identity key.</summary>
public sealed class ChannelAddressTests
{
    [Theory]
    [InlineData("+34 600 111 222", "ES", "+34600111222")]
    [InlineData("600111222", "ES", "+34600111222")]
    [InlineData("  +34-600-11-12-22 ", "ES", "+34600111222")]
    [InlineData("0034 600 111 222", "ES", "+34600111222")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("+44 20 7946 0958", "ES", "+442079460958")]
    [InlineData("whatsapp:+34600111222", "ES", "+34600111222")]
    [InlineData("WhatsApp:600111222", "ES", "+34600111222")]
    public void Phones_are_normalised_to_E164(string raw, string region, string expected)
    {
        Assert.True(ChannelAddress.TryPhone(raw, region, out var address));
        Assert.Equal(new ChannelAddress(IdentityKind.Phone, expected), address);
    }

    [Fact]
    public void The_default_region_only_applies_to_numbers_without_a_country_code()
    {
        Assert.True(ChannelAddress.TryPhone("612345678", "ES", out var spanish));
        Assert.True(ChannelAddress.TryPhone("+34612345678", "US", out var international));

        Assert.Equal("+34612345678", spanish.Value);
        Assert.Equal(spanish, international);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a phone")]
    [InlineData("12")]
    [InlineData("+34 600 111 222 333 444 555")]
    [InlineData("whatsapp:")]
    public void Invalid_phones_are_refused(string? raw)
    {
        Assert.False(ChannelAddress.TryPhone(raw, "ES", out _));
    }

    [Theory]
    [InlineData("ana@shop.test", "ana@shop.test")]
    [InlineData("  ANA@Shop.Test ", "ana@shop.test")]
    [InlineData("Ana García <ANA@Shop.test>", "ana@shop.test")]
    [InlineData("\"García, Ana\" <ana.garcia+pedidos@Shop.test>", "ana.garcia+pedidos@shop.test")]
    public void Emails_keep_only_the_lower_cased_address(string raw, string expected)
    {
        Assert.True(ChannelAddress.TryEmail(raw, out var address));
        Assert.Equal(new ChannelAddress(IdentityKind.Email, expected), address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two@@shop.test")]
    [InlineData("Ana <>")]
    public void Invalid_emails_are_refused(string? raw)
    {
        Assert.False(ChannelAddress.TryEmail(raw, out _));
    }

    [Fact]
    public void An_overlong_email_is_refused()
    {
        Assert.False(ChannelAddress.TryEmail(new string('a', 311) + "@shop.test", out _));
    }

    [Fact]
    public void External_ids_are_scoped_to_their_channel()
    {
        Assert.True(ChannelAddress.TryExternal(5, " crm-42 ", out var first));
        Assert.True(ChannelAddress.TryExternal(6, "crm-42", out var second));

        Assert.Equal(new ChannelAddress(IdentityKind.External, "5:crm-42"), first);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_external_ids_are_refused(string? raw)
    {
        Assert.False(ChannelAddress.TryExternal(5, raw, out _));
    }

    [Fact]
    public void An_overlong_external_id_is_refused()
    {
        Assert.True(ChannelAddress.TryExternal(5, new string('x', 200), out _));
        Assert.False(ChannelAddress.TryExternal(5, new string('x', 201), out _));
    }

    [Fact]
    public void Telegram_chats_and_web_visitors_have_stable_keys()
    {
        var visitor = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal(new ChannelAddress(IdentityKind.Telegram, "-100123"), ChannelAddress.Telegram(-100123));
        Assert.Equal(new ChannelAddress(IdentityKind.WebVisitor, "0f8fad5bd9cb469fa16570867728950e"), ChannelAddress.WebVisitor(visitor));
        Assert.Equal("Phone:+34600111222", new ChannelAddress(IdentityKind.Phone, "+34600111222").ToString());
    }
}
