using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Inbox.Tests.Configuration;

/// <summary>appsettings.sample.json is the settings reference: it must name every option with its real default.</summary>
public sealed class SampleSettingsTests
{
    private static readonly IConfiguration Sample = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot(), "appsettings.sample.json"), optional: false)
        .Build();

    public static TheoryData<Type> OptionsTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && SectionOf(t) is not null))
            data.Add(type);
        return data;
    }

    [Fact]
    public void Every_options_class_is_found()
    {
        Assert.True(((IEnumerable<object[]>)OptionsTypes()).Count() >= 5, "expected the Inbox, Database, Admin, Messaging and Outbox options");
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void The_sample_lists_every_option_with_its_default(Type optionsType)
    {
        var section = Sample.GetSection(SectionOf(optionsType)!);
        var defaults = Activator.CreateInstance(optionsType)!;
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var sample = section[property.Name];
            Assert.True(sample is not null, $"{SectionOf(optionsType)}:{property.Name} is missing from appsettings.sample.json");
            var expected = Format(property.GetValue(defaults));
            Assert.True(expected == sample, $"{SectionOf(optionsType)}:{property.Name} is '{sample}' in the sample but defaults to '{expected}'");
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inbox.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Inbox.sln not found above " + AppContext.BaseDirectory);
    }
}
