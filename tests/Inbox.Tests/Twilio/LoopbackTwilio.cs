using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Tests.Twilio;

/// <summary>
/// Twilio's REST API as documented, on a loopback port: <c>POST /2010-04-01/Accounts/{Sid}/Messages.json</c> (form
/// fields To, From or MessagingServiceSid, Body, MediaUrl, StatusCallback, ContentSid, ContentVariables; header
/// I-Twilio-Idempotency-Token), <c>GET /2010-04-01/Accounts/{Sid}.json</c>, and message media. HTTP basic auth with
/// AccountSid:AuthToken or an API key SID:secret of the account. Replies are Twilio's JSON; errors its body
/// (<c>code</c>, <c>message</c>, <c>more_info</c>, <c>status</c>). Tests script failures with <see cref="FailNext"/>.
/// </summary>
public sealed class LoopbackTwilio : IAsyncDisposable
{
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MessageCall> _calls = new();
    private readonly ConcurrentQueue<string> _mediaFetches = new();
    private readonly ConcurrentDictionary<string, MessageCall> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Failure> _failures = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Type)> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Uri> _redirects = new(StringComparer.Ordinal);

    private int _requests;

    private LoopbackTwilio(WebApplication app) => _app = app;

    /// <summary>Every request that reached this server, authenticated or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>http://127.0.0.1:port, what the connector's api.twilio.com is redirected to.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every Messages.json call that passed authentication, in order (including the refused ones).</summary>
    public IReadOnlyList<MessageCall> Calls => _calls.ToList();

    /// <summary>Paths of media downloads that passed authentication.</summary>
    public IReadOnlyList<string> MediaFetches => _mediaFetches.ToList();

    public static async Task<LoopbackTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var twilio = new LoopbackTwilio(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref twilio._requests);
            await next(context);
        });
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", twilio.CreateMessageAsync);
        app.MapGet("/2010-04-01/Accounts/{sid}.json", twilio.FetchAccount);
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media/{mediaSid}", twilio.FetchMedia);
        await app.StartAsync();
        twilio.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return twilio;
    }

    /// <summary>A fresh account (AC + 32 hex) with its auth token and one API key.</summary>
    public Account CreateAccount(string friendlyName = "Shop", string status = "active")
    {
        var account = new Account("AC" + Hex(16), Hex(16), "SK" + Hex(16), Hex(16), friendlyName, status);
        _accounts[account.Sid] = account;
        return account;
    }

    /// <summary>The next Messages.json calls are answered with these failures, in order.</summary>
    public void FailNext(params Failure[] failures)
    {
        foreach (var f in failures) _failures.Enqueue(f);
    }

    /// <summary>A media file of a message on this account, as Twilio's MediaUrl{N} names it.</summary>
    public Uri AddMedia(Account account, byte[] bytes, string contentType)
    {
        var path = $"/2010-04-01/Accounts/{account.Sid}/Messages/MM{Hex(16)}/Media/ME{Hex(16)}";
        _media[path] = (bytes, contentType);
        return new Uri(BaseUrl, path);
    }

    /// <summary>A media URL of this account that answers 307 to <paramref name="target"/>, as Twilio redirects to its CDN.</summary>
    public Uri AddMediaRedirect(Account account, Uri target)
    {
        var path = $"/2010-04-01/Accounts/{account.Sid}/Messages/MM{Hex(16)}/Media/ME{Hex(16)}";
        _redirects[path] = target;
        return new Uri(BaseUrl, path);
    }

    public async Task<MessageCall> WaitForCallAsync(Func<MessageCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (_calls.FirstOrDefault(match) is { } hit) return hit;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"No matching Messages.json call; calls: {_calls.Count}");
            await Task.Delay(20);
        }
    }

    private async Task<IResult> CreateMessageAsync(string sid, HttpRequest request)
    {
        if (Authenticate(request, sid) is not { } who) return Error(401, 20003, "Authenticate");
        var form = await request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        var token = request.Headers[IdempotencyHeader].ToString();
        var call = new MessageCall(sid, who, token.Length == 0 ? null : token, fields, DateTimeOffset.UtcNow);
        _calls.Enqueue(call);

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfterSeconds is { } wait) request.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return failure.Body is { } raw
                ? Results.Content(raw, "text/html", statusCode: failure.Status)
                : Error(failure.Status, failure.Code, failure.Message);
        }
        string? Field(string k) => fields.TryGetValue(k, out var v) ? v[0] : null;
        if (Field("To") is null) return Error(400, 21604, "A 'To' phone number is required.");
        if (Field("From") is null && Field("MessagingServiceSid") is null) return Error(400, 21603, "A 'From' phone number is required.");
        if (Field("Body") is null && !fields.ContainsKey("MediaUrl") && Field("ContentSid") is null) return Error(400, 21602, "Message body is required.");

        // A repeated idempotency token answers the message it created, creating nothing.
        var created = call with { MessageSid = "SM" + Hex(16) };
        if (call.IdempotencyToken is { } t) created = _byToken.GetOrAdd(t, created);
        call.MessageSid = created.MessageSid;
        return Results.Json(MessageJson(sid, created), statusCode: 201);
    }

    private IResult FetchAccount(string sid, HttpRequest request)
    {
        var s = sid.EndsWith(".json", StringComparison.Ordinal) ? sid[..^5] : sid;
        if (Authenticate(request, s) is null) return Error(401, 20003, "Authenticate");
        var a = _accounts[s];
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = a.Sid, ["owner_account_sid"] = a.Sid, ["friendly_name"] = a.FriendlyName, ["status"] = a.Status, ["type"] = "Full",
            ["date_created"] = "Thu, 30 Jul 2015 20:00:00 +0000", ["date_updated"] = "Thu, 30 Jul 2015 20:00:00 +0000",
            ["uri"] = $"/2010-04-01/Accounts/{a.Sid}.json", ["subresource_uris"] = new Dictionary<string, string>(),
        });
    }

    private IResult FetchMedia(string sid, HttpRequest request)
    {
        if (Authenticate(request, sid) is null) return Error(401, 20003, "Authenticate");
        if (_redirects.TryGetValue(request.Path.Value!, out var target)) return Results.Redirect(target.ToString(), permanent: false, preserveMethod: true);
        if (!_media.TryGetValue(request.Path.Value!, out var file)) return Error(404, 20404, "The requested resource was not found");
        _mediaFetches.Enqueue(request.Path.Value!);
        return Results.Bytes(file.Bytes, file.Type);
    }

    /// <summary>Which credential signed in ("auth-token" or "api-key"), or null.</summary>
    private string? Authenticate(HttpRequest request, string sid)
    {
        if (!_accounts.TryGetValue(sid, out var account)) return null;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])); }
        catch (FormatException) { return null; }
        if (decoded == $"{account.Sid}:{account.AuthToken}") return "auth-token";
        if (decoded == $"{account.ApiKeySid}:{account.ApiKeySecret}") return "api-key";
        return null;
    }

    private static IResult Error(int status, int code, string message) => Results.Json(new Dictionary<string, object>
    {
        ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = status,
    }, statusCode: status);

    private static Dictionary<string, object?> MessageJson(string accountSid, MessageCall call)
    {
        string? Field(string k) => call.Fields.TryGetValue(k, out var v) ? v[0] : null;
        var now = call.At.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return new()
        {
            ["account_sid"] = accountSid, ["api_version"] = "2010-04-01", ["body"] = Field("Body") ?? "",
            ["date_created"] = now, ["date_sent"] = null, ["date_updated"] = now, ["direction"] = "outbound-api",
            ["error_code"] = null, ["error_message"] = null, ["from"] = Field("From"), ["messaging_service_sid"] = Field("MessagingServiceSid"),
            ["num_media"] = (call.Fields.TryGetValue("MediaUrl", out var m) ? m.Length : 0).ToString(CultureInfo.InvariantCulture),
            ["num_segments"] = "1", ["price"] = null, ["price_unit"] = null, ["sid"] = call.MessageSid, ["status"] = "queued",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{call.MessageSid}/Media.json" },
            ["to"] = Field("To"), ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{call.MessageSid}.json",
        };
    }

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Account(string Sid, string AuthToken, string ApiKeySid, string ApiKeySecret, string FriendlyName, string Status);

    /// <summary>A scripted answer: Twilio's error body with <paramref name="Code"/>, or a raw non-JSON <paramref name="Body"/>.</summary>
    public sealed record Failure(int Status, int Code, string Message, int? RetryAfterSeconds = null, string? Body = null);
}

/// <summary>One Messages.json request as the loopback Twilio received it.</summary>
public sealed record MessageCall(string AccountSid, string Credential, string? IdempotencyToken, IReadOnlyDictionary<string, string[]> Fields, DateTimeOffset At)
{
    /// <summary>The message it created (a repeated token names the first one's), null when refused.</summary>
    public string? MessageSid { get; set; }

    public string? Field(string key) => Fields.TryGetValue(key, out var v) ? v[0] : null;
}
