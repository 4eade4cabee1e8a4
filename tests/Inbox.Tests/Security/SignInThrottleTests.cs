using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Security;

/// <summary>Password guessing is throttled per account and address and per address, never per account alone: an
/// attacker elsewhere cannot lock the real user out, and a throttled client is told when to retry.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string Attacker = "203.0.113.66";
    private const string Office = "198.51.100.10";
    private readonly CountingHasher _hasher = new();
    private readonly InboxAppFactory _app;

    public SignInThrottleTests() => _app = new(services: s =>
    {
        ClientAddress.AddTo(s);
        s.AddSingleton<IPasswordHasher<User>>(_hasher);
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Guessing_the_admins_password_is_throttled_with_Retry_After_and_the_real_admin_still_signs_in()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) answers.Add(await LoginAsync(Attacker, InboxAppFactory.AdminEmail, "guess-" + i));

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var refused = answers[5];
        Assert.Contains("Too many failed sign-ins", await refused.AssertStatusAsync(HttpStatusCode.TooManyRequests));
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        // Even the right password waits from there: the throttle does not tell guesses apart.
        await (await LoginAsync(Attacker, InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword)).AssertStatusAsync(HttpStatusCode.TooManyRequests);
        // The real admin, at the office, is not locked out.
        (await LoginAsync(Office, InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword)).EnsureSuccessOrDump();
    }

    [Fact]
    public async Task Spraying_many_accounts_from_one_address_is_throttled_there_only()
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 21; i++) last = await LoginAsync(Attacker, $"nobody{i}@shop.test", "password-123");

        await last.AssertStatusAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        (await LoginAsync(Office, InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword)).EnsureSuccessOrDump();
    }

    [Fact]
    public async Task Successful_sign_ins_do_not_use_up_the_budget()
    {
        for (var i = 0; i < 21; i++) (await LoginAsync(Office, InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword)).EnsureSuccessOrDump();
    }

    [Fact]
    public async Task An_unknown_email_costs_a_password_check_like_a_known_one()
    {
        // Equal time is measured in bench/ (sign-in scenario); here: the same work is done, so there is nothing to time.
        await (await LoginAsync(Office, InboxAppFactory.AdminEmail, "wrong-password")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        var known = _hasher.Verifications;
        await (await LoginAsync(Office, "nadie@shop.test", "wrong-password")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        var unknown = _hasher.Verifications - known;

        Assert.Equal(1, known);
        Assert.Equal(1, unknown);
    }

    private async Task<HttpResponseMessage> LoginAsync(string from, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.Login) { Content = JsonContent.Create(new LoginRequest(email, password)) };
        request.Headers.Add(ClientAddress.Header, from);
        return await _app.CreateClient().SendAsync(request);
    }
}

/// <summary>The real hasher, counting how often a password is checked.</summary>
public sealed class CountingHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _real = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(User user, string password) => _real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
