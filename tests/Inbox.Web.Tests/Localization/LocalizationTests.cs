using Microsoft.Extensions.DependencyInjection;
using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Layout;
using Inbox.Web.Localization;
using Inbox.Web.Tests.Infrastructure;
using MudBlazor;

namespace Inbox.Web.Tests.Localization;

public sealed class LocalizationTests : ConsoleTestContext
{
    [Fact]
    public async Task Switching_to_Spanish_relabels_rendered_components_and_persists_choice()
    {
        var cut = Render<ThreadHeader>(p => p.Add(x => x.Conversation, Fixtures.Conversation(1, "María")));
        Assert.Equal("Resolve", cut.Find(".action-resolve").TextContent.Trim());
        Assert.Equal("Open", cut.Find(".status-chip").TextContent.Trim());

        await cut.InvokeAsync(() => Culture.SetAsync("es"));

        cut.WaitForAssertion(() => Assert.Equal("Resolver", cut.Find(".action-resolve").TextContent.Trim()));
        Assert.Equal("Abierta", cut.Find(".status-chip").TextContent.Trim());
        Assert.Equal("Pendiente", cut.Find(".action-pending").TextContent.Trim());
        var stored = JSInterop.VerifyInvoke("localStorage.setItem");
        Assert.Equal(new object?[] { CultureService.StorageKey, "es" }, stored.Arguments);
    }

    [Fact]
    public async Task Switching_language_relabels_the_document_and_MudBlazors_own_buttons_and_names_the_enter_key_Intro()
    {
        var mud = Services.GetRequiredService<MudLocalizer>();
        Assert.Equal("Close", mud["MudDialog_Close"].Value);

        await Culture.SetAsync("es");

        var lang = JSInterop.Invocations.Last(i => i.Identifier == "document.documentElement.setAttribute");
        Assert.Equal(new object?[] { "lang", "es" }, lang.Arguments);
        Assert.Equal("Cerrar", Services.GetRequiredService<MudLocalizer>()["MudSnackbar_Close"].Value);
        Assert.True(Services.GetRequiredService<MudLocalizer>()["MudTable_Loading"].ResourceNotFound);
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Inbox.Web.Keyboard.ShortcutsHelp.ShowAsync(Services.GetRequiredService<IDialogService>(), "Atajos"));
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".shortcut-keys kbd"), k => k.TextContent == "Ctrl+Intro"));
        Assert.Equal("Cerrar", dialogs.Find(".shortcuts-close").TextContent.Trim());
    }

    [Fact]
    public async Task Language_menu_switches_to_Spanish()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<LanguageSwitch>();
        Assert.Contains("English", cut.Markup);

        cut.Find("button").Click();
        popovers.WaitForElement(".lang-es").Click();

        cut.WaitForAssertion(() => Assert.Equal("es", Culture.Name)); // the switch awaits localStorage first
        cut.WaitForAssertion(() => Assert.Contains("Español", cut.Find("button").TextContent));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Stored_language_wins_over_browser_default()
    {
        JSInterop.Setup<string?>("localStorage.getItem", CultureService.StorageKey).SetResult("es");

        await Culture.InitializeAsync();

        Assert.Equal("es", Culture.Name);
    }

    [Theory]
    [InlineData("fr-FR,es-MX,en", "es")]
    [InlineData("en-GB,es", "en")]
    [InlineData("de-DE", "en")]
    public async Task Without_a_stored_choice_the_first_browser_language_the_console_speaks_wins(string languages, string expected)
    {
        JSInterop.Setup<string?>("navigator.languages.join", ",").SetResult(languages);

        await Culture.InitializeAsync();

        Assert.Equal(expected, Culture.Name);
        JSInterop.VerifyInvoke("document.documentElement.setAttribute");
    }

    [Fact]
    public async Task Stored_language_wins_over_the_browser_languages()
    {
        JSInterop.Setup<string?>("localStorage.getItem", CultureService.StorageKey).SetResult("en");
        JSInterop.Setup<string?>("navigator.languages.join", ",").SetResult("es-ES");

        await Culture.InitializeAsync();

        Assert.Equal("en", Culture.Name);
    }

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    public void Browser_language_is_normalised(string input, string? expected) =>
        Assert.Equal(expected, CultureService.Normalize(input));

    [Fact]
    public void Every_key_has_distinct_nonempty_text_in_both_languages()
    {
        foreach (var key in Strings.Keys)
        {
            Assert.True(Strings.TryGet("en", key, out var en) && !string.IsNullOrWhiteSpace(en), key);
            Assert.True(Strings.TryGet("es", key, out var es) && !string.IsNullOrWhiteSpace(es), key);
        }
        // Statuses and message statuses are looked up by enum name: all must exist.
        foreach (var status in Enum.GetValues<ConversationStatus>())
        {
            Assert.True(Strings.TryGet("es", $"Status.{status}", out _), status.ToString());
        }
        foreach (var status in Enum.GetValues<MessageStatus>())
        {
            Assert.True(Strings.TryGet("es", $"MessageStatus.{status}", out _), status.ToString());
        }
        foreach (var kind in Enum.GetValues<IdentityKind>())
        {
            Assert.True(Strings.TryGet("es", $"Identity.{kind}", out _), kind.ToString());
        }
        // The empty list explains itself per view (open, and any other status).
        foreach (var view in Enum.GetValues<AssigneeView>())
        {
            Assert.True(Strings.TryGet("es", $"List.Empty.{view}", out _), view.ToString());
            Assert.True(Strings.TryGet("es", $"List.Empty.{view}.Other", out _), view.ToString());
        }
        foreach (var key in new[] { "Shortcuts.Next", "Shortcuts.Previous", "Shortcuts.Send", "Shortcuts.LeaveComposer", "Shortcuts.Help" })
        {
            Assert.True(Strings.TryGet("es", key, out _), key);
        }
    }

    [Fact]
    public void Every_key_used_in_the_console_source_exists()
    {
        var root = FindWebProject();
        var used = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "L\\[\"([A-Za-z.]+)\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.True(Strings.TryGet("es", key, out _), $"missing string {key}"));
    }

    private static string FindWebProject()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "Inbox.Web")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("src/Inbox.Web"), "src", "Inbox.Web");
    }
}
