using Inbox.Connectors.Api;

namespace Inbox.Tests.Connectors;

/// <summary>What an integrator checks on each webhook: our HMAC over timestamp and body, recent enough, with their secret.</summary>
public sealed class ApiWebhookSignatureTests
{
    private const string Secret = "whsec_test_0123456789";
    private const string Body = """{"messageId":42,"text":"Sí, a toda España","to":{"address":"+34600111222","kind":"phone"}}""";
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_signed_body_verifies()
    {
        var signature = ApiWebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.StartsWith("sha256=", signature);
        Assert.Equal("sha256=".Length + 64, signature.Length);
        Assert.True(ApiWebhookSignature.Verify(Secret, Timestamp(Now), signature, Body, Now.AddSeconds(30), Tolerance));
    }

    [Fact]
    public void The_signature_is_the_documented_hmac_of_timestamp_dot_body()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes($"{Now.ToUnixTimeSeconds()}.{Body}")));

        Assert.Equal(expected, ApiWebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body));
    }

    [Fact]
    public void A_tampered_body_fails()
    {
        var signature = ApiWebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(ApiWebhookSignature.Verify(Secret, Timestamp(Now), signature, Body.Replace("42", "43"), Now, Tolerance));
        Assert.False(ApiWebhookSignature.Verify(Secret, Timestamp(Now), signature, Body + " ", Now, Tolerance));
    }

    [Fact]
    public void A_moved_timestamp_fails_even_when_recent()
    {
        var signature = ApiWebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(ApiWebhookSignature.Verify(Secret, Timestamp(Now.AddSeconds(1)), signature, Body, Now, Tolerance));
    }

    [Fact]
    public void Another_secret_fails()
    {
        var signature = ApiWebhookSignature.Sign("whsec_someone_else", Now.ToUnixTimeSeconds(), Body);

        Assert.False(ApiWebhookSignature.Verify(Secret, Timestamp(Now), signature, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void A_timestamp_outside_the_tolerance_fails(int offsetSeconds)
    {
        var sentAt = Now.AddSeconds(offsetSeconds);
        var signature = ApiWebhookSignature.Sign(Secret, sentAt.ToUnixTimeSeconds(), Body);

        Assert.False(ApiWebhookSignature.Verify(Secret, Timestamp(sentAt), signature, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void A_timestamp_at_the_edge_of_the_tolerance_passes(int offsetSeconds)
    {
        var sentAt = Now.AddSeconds(offsetSeconds);
        var signature = ApiWebhookSignature.Sign(Secret, sentAt.ToUnixTimeSeconds(), Body);

        Assert.True(ApiWebhookSignature.Verify(Secret, Timestamp(sentAt), signature, Body, Now, Tolerance));
    }

    [Fact]
    public void An_empty_secret_fails_closed_even_for_a_matching_signature()
    {
        var signedWithEmpty = ApiWebhookSignature.Sign("", Now.ToUnixTimeSeconds(), Body);

        Assert.False(ApiWebhookSignature.Verify("", Timestamp(Now), signedWithEmpty, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("not-a-number", "sha256=00")]
    [InlineData("", "sha256=00")]
    public void Missing_or_malformed_headers_fail(string? timestamp, string signature)
    {
        Assert.False(ApiWebhookSignature.Verify(Secret, timestamp, signature, Body, Now, Tolerance));
    }

    [Fact]
    public void A_missing_signature_header_fails()
    {
        Assert.False(ApiWebhookSignature.Verify(Secret, Timestamp(Now), null, Body, Now, Tolerance));
    }
}
