using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inbox.Tests.Telegram;

/// <summary>
/// Telegram's Bot API on 127.0.0.1, as documented (core.telegram.org/bots/api): <c>/bot{token}/{method}</c> with JSON or
/// multipart parameters, answered with the envelope <c>{ok, result}</c> or <c>{ok:false, error_code, description,
/// parameters:{retry_after}}</c>, and files under <c>/file/bot{token}/{path}</c>. Each test makes its own bot (its own
/// token), queues updates on it, scripts failures and reads what was called. getUpdates honours offset (earlier updates are
/// confirmed and forgotten), limit and timeout (held open until an update is queued), and answers 409 while a webhook is set.
/// </summary>
public sealed class LoopbackBotApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LoopbackBot> _bots = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _nextBot = 7_000_000;

    public string BaseUrl { get; private set; } = "";

    public static async Task<LoopbackBotApi> StartAsync()
    {
        var api = new LoopbackBotApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api._app = app;
        api.BaseUrl = app.Urls.First().TrimEnd('/');
        return api;
    }

    /// <summary>A new bot with its own token, queue and record.</summary>
    public LoopbackBot NewBot(string username = "shop_help_bot", string firstName = "Shop help")
    {
        var id = Interlocked.Increment(ref _nextBot);
        var bot = new LoopbackBot(id, $"{id}:AAH{Guid.NewGuid():N}", username, firstName);
        _bots[bot.Token] = bot;
        return bot;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (path.StartsWith("/file/bot", StringComparison.Ordinal))
        {
            var rest = path["/file/bot".Length..];
            var slash = rest.IndexOf('/');
            if (slash > 0 && _bots.TryGetValue(rest[..slash], out var owner) && owner.Files.TryGetValue(rest[(slash + 1)..], out var bytes))
            {
                http.Response.ContentType = "application/octet-stream";
                await http.Response.Body.WriteAsync(bytes);
                return;
            }
            await WriteAsync(http, LoopbackBot.Error(404, "Not Found"));
            return;
        }
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || path.LastIndexOf('/') is var cut && cut <= 4)
        {
            await WriteAsync(http, LoopbackBot.Error(404, "Not Found"));
            return;
        }
        var token = path[4..cut];
        var method = path[(cut + 1)..];
        if (!_bots.TryGetValue(token, out var bot))
        {
            await WriteAsync(http, LoopbackBot.Error(401, "Unauthorized"));
            return;
        }
        var call = await ReadCallAsync(http.Request, method);
        await WriteAsync(http, await bot.AnswerAsync(call, http.RequestAborted));
    }

    private static async Task<BotCall> ReadCallAsync(HttpRequest request, string method)
    {
        var args = new JsonObject();
        var files = new Dictionary<string, (string Name, byte[] Bytes)>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form) args[key] = Parse(value.ToString());
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files[file.Name] = (file.FileName, buffer.ToArray());
            }
            // A parameter may name its upload as attach://<part name> instead of being the part itself.
            foreach (var (key, value) in args.ToList())
                if (value?.ToString() is { } text && text.StartsWith("attach://", StringComparison.Ordinal) && files.TryGetValue(text["attach://".Length..], out var part))
                    files[key] = part;
        }
        else
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (body.Length > 0 && JsonNode.Parse(body) is JsonObject json) args = json;
        }
        return new BotCall(method, args, files, DateTimeOffset.UtcNow);
    }

    /// <summary>Multipart values are strings; numbers and JSON objects travel as their text.</summary>
    private static JsonNode? Parse(string value)
    {
        if (value.Length > 0 && (value[0] is '{' or '[' || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            try { return JsonNode.Parse(value); } catch (JsonException) { }
        }
        return JsonValue.Create(value);
    }

    private static async Task WriteAsync(HttpContext http, (int Status, JsonObject Body) answer)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.Body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>One Bot API method call as the server received it.</summary>
public sealed record BotCall(string Method, JsonObject Args, IReadOnlyDictionary<string, (string Name, byte[] Bytes)> Files, DateTimeOffset At)
{
    public long? Long(string key) => Args[key] is JsonValue v && v.TryGetValue<long>(out var n) ? n
        : Args[key] is JsonValue s && long.TryParse(s.ToString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public string? Text(string key) => Args[key]?.ToString();
}

/// <summary>A failure the next call of a method gets: Telegram's error envelope with this code.</summary>
public sealed record ScriptedFailure(int ErrorCode, string Description, int? RetryAfter = null);

/// <summary>One bot on the loopback Bot API: its update queue, webhook, files, scripted failures and the calls it got.</summary>
public sealed class LoopbackBot(long id, string token, string username, string firstName)
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _pending = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedFailure>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<BotCall> _calls = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 100;
    private int _nextMessageId = 5_000;

    public long Id { get; } = id;
    public string Token { get; } = token;
    public string Username { get; } = username;

    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _filePaths = new(StringComparer.Ordinal);

    /// <summary>The webhook as setWebhook left it (null after deleteWebhook).</summary>
    public string? WebhookUrl { get; private set; }
    public string? WebhookSecret { get; private set; }

    public IReadOnlyList<BotCall> Calls => _calls.ToList();

    public IReadOnlyList<BotCall> CallsOf(string method) => _calls.Where(c => c.Method == method).ToList();

    /// <summary>sendMessage, sendPhoto and sendDocument calls that Telegram accepted.</summary>
    public IReadOnlyList<BotCall> Sent { get { lock (_gate) return [.. _sent]; } }
    private readonly List<BotCall> _sent = [];

    /// <summary>Queues an update (its update_id is assigned here and returned), as if a customer had written.</summary>
    public int Queue(JsonObject update)
    {
        lock (_gate)
        {
            var updateId = ++_nextUpdateId;
            update["update_id"] = updateId;
            _pending.Add(update);
            Signal();
            return updateId;
        }
    }

    /// <summary>The next call of <paramref name="method"/> fails with this.</summary>
    public void FailNext(string method, ScriptedFailure failure) => _failures.GetOrAdd(method, _ => new()).Enqueue(failure);

    /// <summary>A file a customer sent: getFile answers its path, the file URL its bytes.</summary>
    public void AddFile(string fileId, string path, byte[] bytes)
    {
        _filePaths[fileId] = path;
        Files[path] = bytes;
    }

    internal async Task<(int, JsonObject)> AnswerAsync(BotCall call, CancellationToken aborted)
    {
        _calls.Enqueue(call);
        if (_failures.TryGetValue(call.Method, out var queue) && queue.TryDequeue(out var failure))
            return Error(failure.ErrorCode, failure.Description, failure.RetryAfter);

        switch (call.Method)
        {
            case "getMe":
                return Ok(new JsonObject { ["id"] = Id, ["is_bot"] = true, ["first_name"] = firstName, ["username"] = Username });
            case "setWebhook":
                lock (_gate)
                {
                    WebhookUrl = call.Text("url");
                    WebhookSecret = call.Text("secret_token");
                    Signal();
                }
                return Ok(true);
            case "deleteWebhook":
                lock (_gate)
                {
                    WebhookUrl = null;
                    WebhookSecret = null;
                    if (call.Args["drop_pending_updates"]?.GetValue<bool>() == true) _pending.Clear();
                }
                return Ok(true);
            case "getUpdates":
                return await GetUpdatesAsync(call, aborted);
            case "sendMessage" or "sendPhoto" or "sendDocument":
                return Ok(Accept(call));
            case "sendChatAction":
                return Ok(true);
            case "getFile":
                var fileId = call.Text("file_id") ?? "";
                return _filePaths.TryGetValue(fileId, out var path)
                    ? Ok(new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_size"] = Files[path].Length, ["file_path"] = path })
                    : Error(400, "Bad Request: invalid file_id");
            default:
                return Error(404, "Not Found: method not found");
        }
    }

    private async Task<(int, JsonObject)> GetUpdatesAsync(BotCall call, CancellationToken aborted)
    {
        var offset = call.Long("offset") ?? 0;
        var limit = (int)Math.Clamp(call.Long("limit") ?? 100, 1, 100);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Clamp(call.Long("timeout") ?? 0, 0, 50));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (WebhookUrl is not null)
                    return Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                // An offset confirms every update before it: they are never returned again.
                if (offset > 0) _pending.RemoveAll(u => (int)u["update_id"]! < offset);
                var ready = _pending.Take(limit).Select(u => u.DeepClone()).ToArray();
                if (ready.Length > 0 || DateTimeOffset.UtcNow >= deadline) return Ok(new JsonArray(ready));
                changed = _changed.Task;
            }
            var left = deadline - DateTimeOffset.UtcNow;
            try
            {
                await changed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, aborted);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private JsonObject Accept(BotCall call)
    {
        var chatId = call.Long("chat_id") ?? 0;
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
            ["from"] = new JsonObject { ["id"] = Id, ["is_bot"] = true, ["first_name"] = firstName },
        };
        if (call.Text("text") is { } text) message["text"] = text;
        if (call.Text("caption") is { } caption) message["caption"] = caption;
        if (call.Method == "sendPhoto") message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "p" + message["message_id"], ["file_unique_id"] = "up", ["width"] = 1, ["height"] = 1 });
        if (call.Method == "sendDocument") message["document"] = new JsonObject { ["file_id"] = "d" + message["message_id"], ["file_unique_id"] = "ud" };
        lock (_gate) _sent.Add(call with { Args = (JsonObject)call.Args.DeepClone() });
        return message;
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private static (int, JsonObject) Ok(JsonNode result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    internal static (int, JsonObject) Error(int code, string description, int? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds) body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        return (code, body);
    }
}
