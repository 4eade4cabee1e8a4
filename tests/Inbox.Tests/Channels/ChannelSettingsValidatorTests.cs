using Inbox.Connectors.Abstractions;
using Inbox.Server.Channels;

namespace Inbox.Tests.Channels;

/// <summary>The rules behind every channel create and edit, on the lab type's schema (one field of each kind).</summary>
public sealed class ChannelSettingsValidatorTests
{
    private static readonly ChannelSettingsSchema Schema = new LabChannelConnector().Schema;
    private static readonly ChannelSettingsSchema ApiSchema = new Inbox.Connectors.Api.ApiChannelConnector(null!, TimeProvider.System).Schema;
    private static readonly Dictionary<string, string> Empty = [];

    [Theory]
    [InlineData("port", "-12.50", "-12.50")]
    [InlineData("port", "0007", "7")]
    [InlineData("sandbox", "FALSE", "false")]
    [InlineData("region", " eu ", "eu")]
    [InlineData("callbackUrl", "http://lab.example:8080/cb?x=1", "http://lab.example:8080/cb?x=1")]
    public void Values_are_stored_as_the_api_writes_them(string key, string given, string stored)
    {
        var change = Create(new() { ["account"] = "acme", [key] = given });

        Assert.True(change.IsValid, string.Join("; ", change.Errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        Assert.Equal(stored, change.Settings[key]);
    }

    [Theory]
    [InlineData("port", "1,5")]
    [InlineData("port", "1e3")]
    [InlineData("sandbox", "1")]
    [InlineData("region", "EU")]
    [InlineData("callbackUrl", "file:///etc/passwd")]
    [InlineData("account", null)] // null: longer than a text field takes
    public void A_value_not_of_its_kind_is_named(string key, string? given)
    {
        var change = Create(new() { ["account"] = "acme", [key] = given ?? new string('a', 1001) });

        Assert.Equal([key], change.Errors.Keys);
    }

    [Fact]
    public void A_generated_secret_left_empty_is_made_at_creation_only()
    {
        var created = ChannelSettingsValidator.Apply(ApiSchema, "api", Empty, Empty, null, new Dictionary<string, string> { ["webhookSecret"] = " " }, creating: true);
        var edited = ChannelSettingsValidator.Apply(ApiSchema, "api", Empty, Empty, null, null, creating: false);

        Assert.Equal(["webhookSecret"], created.ToGenerate.Select(f => f.Key));
        Assert.Empty(created.Secrets);
        Assert.Empty(edited.ToGenerate);
        Assert.True(edited.IsValid);
    }

    [Fact]
    public void An_edit_merges_over_the_stored_values()
    {
        var stored = new Dictionary<string, string> { ["account"] = "acme", ["port"] = "2525", ["sandbox"] = "true" };
        var secrets = new Dictionary<string, string> { ["apiKey"] = "k-1" };

        var change = ChannelSettingsValidator.Apply(Schema, "lab", stored, secrets,
            new Dictionary<string, string> { ["port"] = "", ["sandbox"] = "false" }, new Dictionary<string, string> { ["apiKey"] = "" }, creating: false);

        Assert.True(change.IsValid);
        Assert.Equal(new Dictionary<string, string> { ["account"] = "acme", ["port"] = "993", ["sandbox"] = "false", ["region"] = "us" }, change.Settings);
        Assert.Equal("k-1", change.Secrets["apiKey"]);
    }

    private static SettingsChange Create(Dictionary<string, string> settings) =>
        ChannelSettingsValidator.Apply(Schema, "lab", Empty, Empty, settings, new Dictionary<string, string> { ["apiKey"] = "k" }, creating: true);
}
