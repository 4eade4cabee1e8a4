using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>The composer asks how a draft travels by SMS: segments and encoding.</summary>
public sealed class TwilioSmsSegmentsTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    [Theory]
    [InlineData("Hola, ¿qué tal?", "GSM-7", 1, 15)]          // ¿ is in GSM-7's default alphabet
    [InlineData("Precio: 20€ [oferta]", "GSM-7", 1, 23)]    // €, [ and ] take two septets each
    [InlineData("Está listo", "UCS-2", 1, 10)]               // á is not in GSM-7 (à is)
    [InlineData("Listo 😀", "UCS-2", 1, 8)]                  // an emoji is two UTF-16 units
    [InlineData("", "GSM-7", 0, 0)]
    public async Task A_draft_reports_its_encoding_and_segments(string text, string encoding, int segments, int units)
    {
        var answer = await shared.Admin.PostJsonAsync<SmsSegmentsDto>(Routes.SmsSegments, new SmsSegmentsRequest(text));

        Assert.Equal((encoding, segments, units), (answer.Encoding, answer.Segments, answer.Units));
    }

    [Fact]
    public async Task Long_drafts_split_at_153_septets_or_67_units()
    {
        var gsm160 = await shared.Admin.PostJsonAsync<SmsSegmentsDto>(Routes.SmsSegments, new SmsSegmentsRequest(new string('a', 160)));
        var gsm161 = await shared.Admin.PostJsonAsync<SmsSegmentsDto>(Routes.SmsSegments, new SmsSegmentsRequest(new string('a', 161)));
        var ucs = await shared.Admin.PostJsonAsync<SmsSegmentsDto>(Routes.SmsSegments, new SmsSegmentsRequest(new string('á', 135)));
        // An escape pair is never split: 152 septets then "€" (2) starts the second segment.
        var escape = await shared.Admin.PostJsonAsync<SmsSegmentsDto>(Routes.SmsSegments, new SmsSegmentsRequest(new string('a', 152) + "€" + new string('a', 10)));

        Assert.Equal((1, 160, 0), (gsm160.Segments, gsm160.PerSegment, gsm160.Remaining));
        Assert.Equal((2, 153, 153 - 8), (gsm161.Segments, gsm161.PerSegment, gsm161.Remaining));
        Assert.Equal((3, 67, 67 - 1), (ucs.Segments, ucs.PerSegment, ucs.Remaining));
        Assert.Equal((2, 153 - 12), (escape.Segments, escape.Remaining));
    }

    [Fact]
    public async Task A_missing_text_is_a_400()
    {
        var response = await shared.Admin.PostAsync(Routes.SmsSegments, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("text", await response.AssertStatusAsync(System.Net.HttpStatusCode.BadRequest));
    }
}
