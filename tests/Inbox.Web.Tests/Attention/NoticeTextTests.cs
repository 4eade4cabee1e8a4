using Inbox.Web.Attention;

namespace Inbox.Web.Tests.Attention;

public sealed class NoticeTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData("hola", "hola")]
    [InlineData("  line one\r\n\tline two  ", "line one line two")]
    public void Short_text_is_kept_on_one_line(string? input, string expected) =>
        Assert.Equal(expected, NoticeText.Preview(input));

    [Fact]
    public void Long_text_is_cut_at_80_characters_with_an_ellipsis()
    {
        var preview = NoticeText.Preview(new string('a', 79) + "bcdef");

        Assert.Equal(new string('a', 79) + "b…", preview);
    }

    [Fact]
    public void Cut_never_splits_an_emoji()
    {
        var preview = NoticeText.Preview(new string('a', 79) + "😀😀😀", max: 80);

        Assert.Equal(new string('a', 79) + "😀…", preview);
    }

    [Fact]
    public void Exactly_80_characters_are_not_cut() =>
        Assert.Equal(new string('a', 80), NoticeText.Preview(new string('a', 80)));
}
