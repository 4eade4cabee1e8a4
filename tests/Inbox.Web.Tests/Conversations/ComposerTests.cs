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
    public void A_chosen_file_is_uploaded_at_once_shown_and_sent_with_the_reply_even_without_text()
    {
        Http.OnJson(HttpMethod.Post, Routes.Files, new UploadDto(77, "sofa-verde.jpg", "image/jpeg", 2048), System.Net.HttpStatusCode.Created);
        var cut = RenderComposer(defaultIdentity: 501);

        cut.Find(".composer-attach"); // the paperclip is there for a reply
        cut.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[^1].UploadFiles(
            InputFileContent.CreateFromBinary([0xFF, 0xD8, 0xFF, 0xE0], "sofa-verde.jpg", contentType: "image/jpeg"));

        cut.WaitForAssertion(() => Assert.Contains("sofa-verde.jpg", cut.Find(".composer-file-chip[data-upload-id='77']").TextContent));
        Assert.Single(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Files);
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("button.composer-send").Click();

        cut.WaitForAssertion(() => Assert.Equal([77L], Assert.Single(_sent).AttachmentIds));
        Assert.Equal("", _sent[0].Text);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".composer-file-chip")));
    }

    [Fact]
    public void A_removed_file_is_not_sent_and_a_note_offers_no_files()
    {
        Http.OnJson(HttpMethod.Post, Routes.Files, new UploadDto(78, "factura.pdf", "application/pdf", 4096), System.Net.HttpStatusCode.Created);
        var cut = RenderComposer(defaultIdentity: 501);
        cut.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[^1].UploadFiles(InputFileContent.CreateFromText("%PDF-1.4", "factura.pdf"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".composer-file-chip")));

        cut.Find(".composer-file-chip .mud-chip-close-button").Click();
        cut.Find("textarea").Input("Te la mando por email");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("button.composer-send").Click();

        cut.WaitForAssertion(() => Assert.Null(Assert.Single(_sent).AttachmentIds));
        cut.FindAll(".composer-mode button")[1].Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".composer-attach")));
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
