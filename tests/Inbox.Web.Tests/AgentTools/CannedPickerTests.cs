using Inbox.Contracts;
using Inbox.Web.CannedResponses;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.AgentTools;

/// <summary>Typing /shortcut in the composer offers canned responses; picking one fills the composer, variables filled
/// from the contact and the agent, and a gap the agent must fill where a value is missing.</summary>
public sealed class CannedPickerTests : ConsoleTestContext
{
    private readonly List<ComposerSubmission> _sent = [];

    public CannedPickerTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.CannedResponses, new[]
        {
            new CannedResponseDto(1, null, "greet", "Greeting", "Hi {{contact.first_name}}, I'm {{agent.name}}.", "Hola {{contact.first_name}}, soy {{agent.name}}."),
            new CannedResponseDto(2, Me.Id, "mail", "Confirm email", "We'll write to {{contact.email}} ({{order.id}}).", null),
        });
    }

    private IRenderedComponent<Composer> RenderComposer(ContactSummaryDto contact) => Render<Composer>(p => p
        .Add(x => x.Identities, [Fixtures.Identity(501, IdentityKind.Phone, "+34600000001")])
        .Add(x => x.DefaultIdentityId, 501)
        .Add(x => x.Contact, contact)
        .Add(x => x.OnSubmit, s => { _sent.Add(s); return Task.FromResult(true); }));

    [Fact]
    public async Task A_shortcut_fills_the_composer_with_the_contact_and_agent_in_the_console_language()
    {
        await SignInAsync();
        await Culture.SetAsync("es");
        var cut = RenderComposer(new ContactSummaryDto(100, "María López", null, "+34600000001"));

        cut.Find("textarea").Input("/gr");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".canned-option")));
        cut.Find(".canned-pick").Click();

        cut.WaitForAssertion(() => Assert.Equal("Hola María, soy Ana Agent.", cut.Find("textarea").GetAttribute("value")));
        Assert.Empty(cut.FindAll(".canned-picker"));
        Assert.False(cut.Find("button.composer-send").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_missing_value_or_an_unknown_variable_leaves_a_gap_and_the_reply_cannot_be_sent_until_it_is_filled()
    {
        await SignInAsync();
        var cut = RenderComposer(new ContactSummaryDto(100, "María", null, null));

        cut.Find("textarea").Input("/mail");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".canned-option")));
        cut.Find(".canned-pick").Click();

        cut.WaitForAssertion(() => Assert.Equal("We'll write to ⟦contact.email⟧ (⟦order.id⟧).", cut.Find("textarea").GetAttribute("value")));
        Assert.True(cut.Find("button.composer-send").HasAttribute("disabled"));
        Assert.NotEmpty(cut.FindAll(".composer-gaps"));

        cut.Find("textarea").Input("We'll write to maria@example.com (A-1).");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
    }

    [Fact]
    public void Variables_are_filled_and_never_left_as_braces()
    {
        var contact = new ContactSummaryDto(1, "  ", "ana@example.com", null);

        var text = CannedTemplate.Fill("{{ contact.email }} {{contact.name}} {{CONTACT.PHONE}} {{agent.name}} {{nope}}", contact, "Bruno");

        Assert.Equal("ana@example.com ⟦contact.name⟧ ⟦contact.phone⟧ Bruno ⟦nope⟧", text);
        Assert.DoesNotContain("{{", text);
        Assert.Null(CannedTemplate.ShortcutQuery("hello /greet"));
        Assert.Equal("greet", CannedTemplate.ShortcutQuery("/Greet"));
    }
}
