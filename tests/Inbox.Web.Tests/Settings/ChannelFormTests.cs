using System.Net;
using System.Text.Json;
using Bunit;
using Inbox.Contracts;
using Inbox.Web.Settings.Channels;
using Inbox.Web.Tests.Infrastructure;
using MudBlazor;

namespace Inbox.Web.Tests.Settings;

/// <summary>The add and edit channel forms are drawn from GET /api/channel-types, field by field, in the console's language.</summary>
public sealed class ChannelFormTests : ConsoleTestContext
{
    /// <summary>A type with a different field set from the API channel's: every kind of input, required marks, defaults.</summary>
    private static readonly ChannelTypeDto Sms = new(ChannelTypes.Sms, new("SMS (Twilio)", "SMS (Twilio)"), ["text", "deliveryReceipts"], [IdentityKind.Phone],
    [
        new("accountSid", ChannelFieldKind.Text, new("Account SID", "SID de la cuenta"), true, null, [], null, false, false, 1000),
        new("authToken", ChannelFieldKind.Secret, new("Auth token", "Token de autenticación"), true, null, [], null, false, true, 4096),
        new("region", ChannelFieldKind.Select, new("Region", "Región"), true, new("Where Twilio keeps your data.", "Dónde guarda Twilio tus datos."),
            [new("us", new("United States", "Estados Unidos")), new("eu", new("Ireland (EU)", "Irlanda (UE)"))], "us", false, false, 200),
        new("maxSegments", ChannelFieldKind.Number, new("Longest reply in segments", "Respuesta más larga en segmentos"), false, null, [], null, false, false, 32),
        new("statusCallbacks", ChannelFieldKind.Bool, new("Delivery reports", "Informes de entrega"), false, null, [], "true", false, false, 5),
    ], IssuesInboundToken: false);

    public ChannelFormTests()
    {
        SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Channels, new[] { Fixtures.ApiChannel(3, "Old shop", webhookUrl: "https://old.example.com/hook") });
    }

    [Fact]
    public async Task The_add_form_has_one_input_per_field_of_the_picked_type_and_sends_their_values()
    {
        Http.OnJson(HttpMethod.Get, Routes.ChannelTypes, new[] { Fixtures.ApiChannelType(), Sms });
        Http.OnJson(HttpMethod.Post, Routes.Channels, new ChannelCreatedDto(
            new ChannelDto(20, ChannelTypes.Sms, "Shop SMS", true, new Dictionary<string, string>(), ["authToken"], Fixtures.T0), null,
            new Dictionary<string, string>()), HttpStatusCode.Created);
        var host = await OpenAddDialogAsync();

        // The API channel first: its two fields, and no select or switch among them.
        Assert.Equal(["webhookUrl", "webhookSecret"], Fields(host));
        Assert.Contains("Webhook URL", host.Find(".channel-field-webhookUrl").TextContent);
        Assert.Equal("password", host.Find(".channel-field-webhookSecret input").GetAttribute("type"));
        Assert.Empty(host.FindAll(".channel-field .mud-select"));
        Assert.Empty(host.FindAll(".channel-field input[type=checkbox]"));

        var typePicker = host.FindComponent<MudSelect<string>>();
        await host.InvokeAsync(() => typePicker.Instance.SelectOption(ChannelTypes.Sms));

        host.WaitForAssertion(() => Assert.Equal(["accountSid", "authToken", "region", "maxSegments", "statusCallbacks"], Fields(host)));
        Assert.Equal(["text", "secret", "select", "number", "bool"], host.FindAll(".channel-field").Select(f => f.GetAttribute("data-kind")));
        Assert.True(host.Find(".channel-field-accountSid input").HasAttribute("required")); // marked required
        Assert.False(host.Find(".channel-field-maxSegments input").HasAttribute("required"));
        Assert.Equal("password", host.Find(".channel-field-authToken input").GetAttribute("type"));
        Assert.Equal("United States", host.Find(".channel-field-region input").GetAttribute("value")); // the default, by its label
        Assert.Contains("Where Twilio keeps your data.", host.Find(".channel-field-region").TextContent);
        Assert.Equal("true", host.Find(".channel-field-statusCallbacks input[type=checkbox]").GetAttribute("aria-checked")); // its default
        Assert.Empty(host.FindAll(".channel-field-webhookUrl"));

        host.Find(".channel-name-input input").Change("Shop SMS");
        host.Find(".channel-field-accountSid input").Change("AC123");
        host.Find(".channel-field-authToken input").Change("tok-456");
        var region = host.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Region");
        await host.InvokeAsync(() => region.Instance.SelectOption("eu"));
        host.Find(".channel-field-maxSegments input").Change("3");
        host.Find(".channel-field-statusCallbacks input").Change(false);
        host.Find(".channel-create").Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".secrets-once-warning")));
        var post = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Channels);
        using var body = JsonDocument.Parse(post.Body!);
        Assert.Equal("sms", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("""{"accountSid":"AC123","region":"eu","maxSegments":"3","statusCallbacks":"false"}""", body.RootElement.GetProperty("settings").GetRawText());
        Assert.Equal("""{"authToken":"tok-456"}""", body.RootElement.GetProperty("secrets").GetRawText());
        Assert.Empty(host.FindAll(".secret-inbound-token")); // this type issues no inbound token: nothing API-specific is shown
        Assert.Empty(host.FindAll(".secret-curl"));
    }

    [Fact]
    public async Task Labels_and_help_are_in_Spanish_when_the_console_is()
    {
        Http.OnJson(HttpMethod.Get, Routes.ChannelTypes, new[] { Fixtures.ApiChannelType() });
        Culture.Set("es");
        var host = await OpenAddDialogAsync();

        Assert.Empty(host.FindAll(".channel-type-select")); // one type: nothing to pick
        Assert.Equal("API (tus propios sistemas)", host.Find(".channel-type-name").TextContent.Trim());
        Assert.Contains("URL del webhook", host.Find(".channel-field-webhookUrl label").TextContent);
        Assert.Contains("Las respuestas se envían aquí por POST.", host.Find(".channel-field-webhookUrl").TextContent);
        Assert.Contains("Secreto del webhook", host.Find(".channel-field-webhookSecret label").TextContent);
        Assert.Contains("Déjalo vacío para generar uno.", host.Find(".channel-field-webhookSecret").TextContent);
        Assert.DoesNotContain("Webhook URL", host.Markup);

        host.Find(".channel-name-input input").Change("Tienda");
        host.Find(".channel-field-webhookUrl input").Change("no es una url");
        host.Find(".channel-create").Click();

        host.WaitForAssertion(() => Assert.Contains("Introduce una dirección http(s) completa", host.Find(".channel-field-webhookUrl").TextContent));
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Channels);
    }

    [Fact]
    public async Task A_field_the_server_refuses_shows_the_servers_message_on_that_field()
    {
        Http.OnJson(HttpMethod.Get, Routes.ChannelTypes, new[] { Fixtures.ApiChannelType(), Sms });
        Http.On(HttpMethod.Post, Routes.Channels, _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "The request has invalid fields: accountSid, extra",
            new Dictionary<string, string[]> { ["accountSid"] = ["Account SID must start with AC."], ["extra"] = ["A sms channel has no setting 'extra'."] }));
        var host = await OpenAddDialogAsync();
        await host.InvokeAsync(() => host.FindComponent<MudSelect<string>>().Instance.SelectOption(ChannelTypes.Sms));
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".channel-field-accountSid input")));

        host.Find(".channel-name-input input").Change("Shop SMS");
        host.Find(".channel-create").Click();

        // The console's own check first: required fields, in its words, and nothing sent.
        host.WaitForAssertion(() => Assert.Contains("This field is required.", host.Find(".channel-field-accountSid").TextContent));
        Assert.Contains("This field is required.", host.Find(".channel-field-authToken").TextContent);
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Channels);

        host.Find(".channel-field-accountSid input").Change("XX1");
        host.Find(".channel-field-authToken input").Change("tok");
        host.Find(".channel-create").Click();

        host.WaitForAssertion(() => Assert.Contains("Account SID must start with AC.", host.Find(".channel-field-accountSid").TextContent));
        Assert.DoesNotContain("This field is required.", host.Find(".channel-field-authToken").TextContent);
        Assert.Contains("no setting 'extra'", host.Find(".form-error").TextContent); // a field the form has no input for
        Assert.Empty(host.FindAll(".secrets-once-warning"));
    }

    [Fact]
    public async Task Editing_keeps_a_stored_secret_unless_a_new_one_is_typed_and_sends_only_what_changed()
    {
        Http.OnJson(HttpMethod.Get, Routes.ChannelTypes, new[] { Fixtures.ApiChannelType() });
        Http.OnJson(HttpMethod.Patch, Routes.Channel(3), Fixtures.ApiChannel(3, "Old shop", webhookUrl: "https://new.example.com/hook"));
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-edit")));

        cut.Find(".channel-edit").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".channel-field-webhookSecret")));
        Assert.Equal("https://old.example.com/hook", host.Find(".channel-field-webhookUrl input").GetAttribute("value"));
        Assert.Contains("Leave empty to keep it", host.Find(".channel-field-webhookSecret").TextContent);
        Assert.True(string.IsNullOrEmpty(host.Find(".channel-field-webhookSecret input").GetAttribute("value")));

        host.Find(".channel-field-webhookUrl input").Change("https://new.example.com/hook");
        host.Find(".channel-field-webhookSecret input").Change("whsec_rotated");
        host.Find(".channel-save").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".channel-save")));
        var patch = Http.Requests.Single(r => r.Method == HttpMethod.Patch);
        using var body = JsonDocument.Parse(patch.Body!);
        Assert.Equal("""{"webhookUrl":"https://new.example.com/hook"}""", body.RootElement.GetProperty("settings").GetRawText());
        Assert.Equal("""{"webhookSecret":"whsec_rotated"}""", body.RootElement.GetProperty("secrets").GetRawText());
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAddDialogAsync()
    {
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.False(cut.Find(".channel-add").HasAttribute("disabled")));
        cut.Find(".channel-add").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".channel-field")));
        return host;
    }

    private static List<string?> Fields(IRenderedComponent<MudDialogProvider> host) =>
        host.FindAll(".channel-field").Select(f => f.GetAttribute("data-field")).ToList();
}
