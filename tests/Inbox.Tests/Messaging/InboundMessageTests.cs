using System.Net;
using System.Net.Http.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Messaging;

/// <summary>A customer writes in through the API channel.</summary>
public sealed class InboundMessageTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_pushed_message_reaches_a_connected_agent_live()
    {
        await using var agent = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());

        var accepted = await _app.PushAcceptedAsync(_channel, "wa-1", "+34 600 111 222", "¿Tenéis el sofá verde?", name: "Ana");

        var message = await agent.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == accepted.MessageId);
        Assert.Equal("¿Tenéis el sofá verde?", message.Text);
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        Assert.Equal("+34600111222", message.IdentityAddress);
        var conversation = await agent.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == accepted.ConversationId);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal("Ana", conversation.Contact.Name);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
    }

    [Fact]
    public async Task A_known_sender_under_a_new_name_or_on_another_channel_updates_the_identity_at_once()
    {
        // The writer skips rewriting an identity seen on the same channel under the same name within a minute;
        // a new name or another channel must still be stored immediately.
        var other = await _app.CreateApiChannelAsync(_admin, name: "Second shop");
        await _app.PushAcceptedAsync(_channel, "n-1", "+34600111222", "hola", name: "Ana");
        await _app.PushAcceptedAsync(_channel, "n-2", "+34600111222", "soy yo", name: "Ana María");
        await using (var db = OpenDatabase())
        {
            Assert.Equal("Ana María", await db.ExecuteScalarAsync<string>("SELECT display_name FROM contact_identities"));
            Assert.Equal(_channel.Id, await db.ExecuteScalarAsync<long>("SELECT last_channel_id FROM contact_identities"));
        }

        await _app.PushAcceptedAsync(other, "n-3", "+34600111222", "otra tienda");
        await using (var db = OpenDatabase())
        {
            Assert.Equal(other.Id, await db.ExecuteScalarAsync<long>("SELECT last_channel_id FROM contact_identities"));
            Assert.Equal("Ana María", await db.ExecuteScalarAsync<string>("SELECT display_name FROM contact_identities"));
        }
    }

    [Fact]
    public async Task A_message_that_fails_to_store_fails_alone_and_its_batch_is_stored()
    {
        await _app.RefuseWritesAsync("INSERT", "messages", "NEW.text = 'boom'", "boom");
        await using var agent = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());

        // Sent together so they share batches with the failing one (the writer then redoes its batch with savepoints).
        var pushes = Enumerable.Range(1, 30)
            .Select(i => _app.PushApiMessageAsync(_channel, $"b-{i}", $"+3460055{i:D4}", i == 15 ? "boom" : $"mensaje {i}"))
            .ToList();
        var responses = await Task.WhenAll(pushes);

        // Not stored, so the integrator is told to retry it (503 with Retry-After), never a bare 500.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, responses[14].StatusCode);
        Assert.NotNull(responses[14].Headers.RetryAfter);
        Assert.All(responses.Where((_, i) => i != 14), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var read = OpenDatabase();
        Assert.Equal(29, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        Assert.Equal(29, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts"));
        Assert.Equal(0, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contact_identities WHERE address = '+34600550015'"));
        Assert.Equal(58, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversation_events"));
        for (var i = 1; i <= 30; i++)
        {
            if (i == 15) continue;
            var text = $"mensaje {i}";
            await agent.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Text == text);
        }
    }

    [Fact]
    public async Task A_redelivered_provider_id_is_stored_once()
    {
        var first = await _app.PushAcceptedAsync(_channel, "retry-me", "+34600111222", "Hola");
        var second = await _app.PushAcceptedAsync(_channel, "retry-me", "+34600111222", "Hola");

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.MessageId, second.MessageId);
        var page = await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(first.ConversationId));
        Assert.Single(page.Items);
        var conversation = await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(first.ConversationId));
        Assert.Equal(1, conversation.UnreadCount);
    }

    [Fact]
    public async Task Twenty_concurrent_first_messages_from_one_new_sender_make_one_contact_and_one_conversation()
    {
        var pushes = Enumerable.Range(1, 20).Select(i => _app.PushAcceptedAsync(_channel, $"burst-{i}", "+34 611 222 333", $"mensaje {i}"));
        var results = await Task.WhenAll(pushes);

        Assert.Single(results.Select(r => r.ContactId).Distinct());
        Assert.Single(results.Select(r => r.ConversationId).Distinct());
        Assert.Equal(20, results.Select(r => r.MessageId).Distinct().Count());
        await using var db = OpenDatabase();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts"));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversations"));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contact_identities"));
        var conversation = await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(results[0].ConversationId));
        Assert.Equal(20, conversation.UnreadCount);
    }

    [Fact]
    public async Task The_same_phone_written_differently_is_one_customer()
    {
        var a = await _app.PushAcceptedAsync(_channel, "p-1", "+34 600 111 222", "uno");
        var b = await _app.PushAcceptedAsync(_channel, "p-2", "600111222", "dos");
        var c = await _app.PushAcceptedAsync(_channel, "p-3", "+34-600-11-12-22", "tres");

        Assert.Equal(a.ContactId, b.ContactId);
        Assert.Equal(a.ContactId, c.ContactId);
        Assert.Equal(a.ConversationId, c.ConversationId);
    }

    [Fact]
    public async Task A_resolved_conversation_reopens_when_the_customer_writes_again()
    {
        var first = await _app.PushAcceptedAsync(_channel, "r-1", "cliente@shop.test", "Gracias", kind: "email");
        (await _admin.PostAsJsonAsync(Routes.ConversationStatus(first.ConversationId), new ChangeStatusRequest(ConversationStatus.Resolved))).EnsureSuccessOrDump();

        var again = await _app.PushAcceptedAsync(_channel, "r-2", "Cliente@Shop.test", "Una cosa más", kind: "email");

        Assert.Equal(first.ConversationId, again.ConversationId);
        var conversation = await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(first.ConversationId));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
    }

    [Theory]
    [InlineData("""{"sender":{"address":"+34600111222","kind":"phone"},"text":"no id"}""", "messageId")]
    [InlineData("""{"messageId":"x1","text":"no sender"}""", "sender.address")]
    [InlineData("""{"messageId":"x2","sender":{"address":"+34600111222","kind":"phone"}}""", "text")]
    [InlineData("""{"messageId":"x3","sender":{"address":"not a phone","kind":"phone"},"text":"hola"}""", "sender")]
    [InlineData("""{"messageId":"x4","sender":{"address":"a@b.test","kind":"fax"},"text":"hola"}""", "sender")]
    public async Task Missing_or_invalid_fields_are_a_400_naming_the_field_and_store_nothing(string json, string field)
    {
        var response = await PostRawAsync(_channel.Id, _channel.InboundToken, json);

        var body = await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"\"{field}\"", body);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Oversized_text_is_rejected_and_stores_nothing()
    {
        var response = await _app.PushApiMessageAsync(_channel, "big", "+34600111222", new string('a', 20_001));

        var body = await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("longer than 20000", body);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_wrong_or_missing_token_is_a_401_and_stores_nothing()
    {
        var wrong = await _app.PushApiMessageAsync(_channel with { InboundToken = "inbox_ch_guess" }, "t1", "+34600111222", "hola");
        var missing = await PostRawAsync(_channel.Id, null, """{"messageId":"t2","sender":{"address":"+34600111222","kind":"phone"},"text":"hola"}""");

        Assert.Contains("X-Inbox-Channel-Token", await wrong.AssertStatusAsync(HttpStatusCode.Unauthorized));
        await missing.AssertStatusAsync(HttpStatusCode.Unauthorized);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Another_channels_token_does_not_open_this_channel()
    {
        var other = await _app.CreateApiChannelAsync(_admin, name: "Other shop");

        var response = await _app.PushApiMessageAsync(_channel with { InboundToken = other.InboundToken }, "c1", "+34600111222", "hola");

        await response.AssertStatusAsync(HttpStatusCode.Unauthorized);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_unknown_channel_answers_like_a_wrong_token_and_stores_nothing()
    {
        var unknown = await _app.PushApiMessageAsync(_channel with { Id = 999 }, "u1", "+34600111222", "hola");
        var wrongToken = await _app.PushApiMessageAsync(_channel with { InboundToken = "inbox_ch_guess" }, "u2", "+34600111222", "hola");

        // Same status and same words: channel ids cannot be probed without credentials.
        var unknownTitle = System.Text.Json.JsonDocument.Parse(await unknown.AssertStatusAsync(HttpStatusCode.Unauthorized)).RootElement.GetProperty("title").GetString();
        var wrongTitle = System.Text.Json.JsonDocument.Parse(await wrongToken.AssertStatusAsync(HttpStatusCode.Unauthorized)).RootElement.GetProperty("title").GetString();
        Assert.Equal(wrongTitle, unknownTitle);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        var response = await PostRawAsync(_channel.Id, _channel.InboundToken, """{"messageId": "x", "text": """);

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        await AssertNothingStoredAsync();
    }

    private async Task<HttpResponseMessage> PostRawAsync(long channelId, string? token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(channelId))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Add(Routes.ChannelTokenHeader, token);
        return await _app.CreateClient().SendAsync(request);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversations"));
    }

    private System.Data.Common.DbConnection OpenDatabase() => _app.OpenDatabase();
}
