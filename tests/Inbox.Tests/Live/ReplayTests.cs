using System.Text.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Live;

/// <summary>An agent's console loses its connection; on reconnect it asks for what it missed and gets exactly that.</summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly InboxAppFactory _app = new();
    private WebhookReceiver _webhook = null!;
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _webhook = await WebhookReceiver.StartAsync();
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin, _webhook.Url);
        _webhook.Secret = _channel.WebhookSecret;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task Events_missed_while_disconnected_come_back_in_order_and_nothing_else()
    {
        var first = await _app.PushAcceptedAsync(_channel, "rp-0", "+34600400001", "Hola");
        await using var agent = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());
        var lastSeen = (await agent.EventsSinceAsync(0)).Max(e => e.EventId);
        await agent.Connection.StopAsync();

        var pushed = new List<ApiInboundAccepted>();
        for (var i = 1; i <= 3; i++) pushed.Add(await _app.PushAcceptedAsync(_channel, $"rp-{i}", "+34600400001", $"mensaje {i}"));
        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(first.ConversationId), new ReplyRequest("Ya estamos"));
        await Eventually.GetAsync(() => _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(first.ConversationId)),
            page => page.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Sent);
        await agent.Connection.StartAsync();

        var missed = await agent.EventsSinceAsync(lastSeen);

        Assert.Equal(
            [
                AgentEventTypes.MessageReceived, AgentEventTypes.ConversationUpdated,
                AgentEventTypes.MessageReceived, AgentEventTypes.ConversationUpdated,
                AgentEventTypes.MessageReceived, AgentEventTypes.ConversationUpdated,
                AgentEventTypes.MessageCreated, AgentEventTypes.ConversationUpdated,
                AgentEventTypes.MessageStatusChanged,
            ],
            missed.Select(e => e.Type));
        Assert.All(missed, e => Assert.True(e.EventId > lastSeen));
        Assert.Equal(missed.Select(e => e.EventId).Order(), missed.Select(e => e.EventId));
        Assert.Equal(missed.Count, missed.Select(e => e.EventId).Distinct().Count());
        Assert.All(missed, e => Assert.Equal(first.ConversationId, e.ConversationId));

        var received = missed.Where(e => e.Type == AgentEventTypes.MessageReceived).Select(e => e.Payload.Deserialize<MessageDto>(Web)!).ToList();
        Assert.Equal(pushed.Select(p => p.MessageId), received.Select(m => m.Id));
        Assert.Equal(["mensaje 1", "mensaje 2", "mensaje 3"], received.Select(m => m.Text));
        Assert.All(received, m => Assert.Equal(MessageDirection.Inbound, m.Direction));
        // The log keeps no copy of the DTOs: each replayed payload is the row as it is now, so applied in order the
        // console ends where the live calls left it (the reply has been sent, the agent's reply read the thread).
        var created = missed.Single(e => e.Type == AgentEventTypes.MessageCreated).Payload.Deserialize<MessageDto>(Web)!;
        Assert.Equal((reply.Id, "Ya estamos", MessageStatus.Sent), (created.Id, created.Text, created.Status));
        var conversations = missed.Where(e => e.Type == AgentEventTypes.ConversationUpdated).Select(e => e.Payload.Deserialize<ConversationDto>(Web)!).ToList();
        Assert.All(conversations, c => Assert.Equal((first.ConversationId, 0, "Ya estamos"), (c.Id, c.UnreadCount, c.LastMessagePreview)));
        var status = missed[^1].Payload.Deserialize<MessageStatusDto>(Web)!;
        Assert.Equal((reply.Id, MessageStatus.Sent), (status.MessageId, status.Status));
    }

    [Fact]
    public async Task Replayed_payloads_carry_enums_as_camel_case_strings()
    {
        var inbound = await _app.PushAcceptedAsync(_channel, "cc-1", "cliente@shop.test", "Hola", kind: "email");
        await _admin.ChangeStatusAsync(inbound.ConversationId, ConversationStatus.Pending);
        await using var agent = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());

        var events = await agent.EventsSinceAsync(0);

        var message = events.First(e => e.Type == AgentEventTypes.MessageReceived).Payload;
        Assert.Equal("inbound", message.GetProperty("direction").GetString());
        Assert.Equal("received", message.GetProperty("status").GetString());
        var conversation = events.Last(e => e.Type == AgentEventTypes.ConversationUpdated).Payload;
        Assert.Equal("pending", conversation.GetProperty("status").GetString());
        Assert.Equal(inbound.ConversationId, conversation.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_long_gap_is_read_in_pages_with_max()
    {
        for (var i = 1; i <= 4; i++) await _app.PushAcceptedAsync(_channel, $"pg-{i}", $"+3460040010{i}", $"hola {i}");
        await using var agent = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());
        var everything = await agent.EventsSinceAsync(0);

        var firstPage = await agent.EventsSinceAsync(0, max: 3);
        var secondPage = await agent.EventsSinceAsync(firstPage[^1].EventId, max: 3);
        var rest = await agent.EventsSinceAsync(secondPage[^1].EventId, max: 100);

        Assert.Equal(8, everything.Count);
        Assert.Equal(3, firstPage.Count);
        Assert.Equal(3, secondPage.Count);
        Assert.Equal(everything.Select(e => e.EventId), firstPage.Concat(secondPage).Concat(rest).Select(e => e.EventId));
        Assert.Empty(await agent.EventsSinceAsync(everything[^1].EventId));
    }
}
