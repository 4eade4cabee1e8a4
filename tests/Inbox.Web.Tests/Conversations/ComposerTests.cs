using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;

namespace Inbox.Web.Tests.Conversations;

public sealed class ComposerTests : ConsoleTestContext
{
    private readonly List<ComposerSubmission> _sent = [];
    private readonly List<bool> _typing = [];

    private IRenderedComponent<Composer> RenderComposer(long? defaultIdentity) => Render<Composer>(p => p
        .Add(x => x.Identities, [
            Fixtures.Identity(501, IdentityKind.Phone, "+34600000001"),
            Fixtures.Identity(502, IdentityKind.Email, "maria@example.com", channelId: null),
        ])
        .Add(x => x.DefaultIdentityId, defaultIdentity)
        .Add(x => x.OnSubmit, s => { _sent.Add(s); return Task.FromResult(true); })
        .Add(x => x.OnTyping, (bool t) => _typing.Add(t)));

    [Fact]
    public void Ctrl_enter_sends_a_reply_on_the_default_identity_and_clears_the_box()
    {
        var cut = RenderComposer(defaultIdentity: 502);

        cut.Find("textarea").Input("  Hola María  ");
        // MudTextField applies input asynchronously: wait until the composer has the text (Send enabled).
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        cut.WaitForAssertion(() => Assert.Single(_sent));
        var sent = Assert.Single(_sent);
        Assert.Equal(new ComposerSubmission("Hola María", false, 502), sent);
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("textarea").GetAttribute("value") ?? ""));
        Assert.Equal([true, false], _typing);
    }

    [Fact]
    public void Plain_enter_does_not_send()
    {
        var cut = RenderComposer(defaultIdentity: 501);

        cut.Find("textarea").Input("line one");
        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_sent);
    }

    [Fact]
    public void With_enter_sends_chosen_enter_sends_shift_enter_does_not_and_the_choice_is_kept()
    {
        var cut = RenderComposer(defaultIdentity: 501);
        Assert.DoesNotContain("enter-sends", cut.Find(".composer-text").ClassName);

        cut.Find(".composer-enter-sends input").Change(true);

        cut.WaitForAssertion(() => Assert.Equal("on", Browser.Storage[Composer.EnterSendsKey]));
        Assert.Contains("enter-sends", cut.Find(".composer-text").ClassName); // the page stops the newline (browser.js)
        cut.Find("textarea").Input("Vale, te lo guardo");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });
        Assert.Empty(_sent);
        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Equal("Vale, te lo guardo", Assert.Single(_sent).Text));

        var again = RenderComposer(defaultIdentity: 501);
        again.WaitForAssertion(() => Assert.Contains("enter-sends", again.Find(".composer-text").ClassName));
    }

    [Fact]
    public void Empty_text_cannot_be_sent()
    {
        var cut = RenderComposer(defaultIdentity: 501);

        Assert.True(cut.Find(".composer-send").HasAttribute("disabled"));
    }

    [Fact]
    public void Escape_leaves_the_composer()
    {
        var cut = RenderComposer(defaultIdentity: 501);

        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Contains(JSInterop.Invocations, i => i.Identifier.Contains("blur", StringComparison.OrdinalIgnoreCase));
    }
}
