using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Server.Live;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Messaging;

/// <summary>Agent replies and private notes. A reply is stored as queued together with its outbox row in one
/// transaction; the outbox sender delivers it.</summary>
public sealed class ReplyService(
    IDbConnectionFactory db,
    ConversationStore conversations,
    ContactStore contacts,
    ChannelStore channels,
    ChannelConnectors connectors,
    MessageStore messages,
    OutboxStore outbox,
    OutboxSignal outboxSignal,
    ConversationEventStore events,
    IInboxNotifier notifier,
    AttachmentStore attachments,
    IOptions<MessagingOptions> options,
    IOptions<FilesOptions> files,
    ReplyWindows replyWindows,
    Widget.OfflineEmailCopies offlineEmail,
    UserStore users,
    Mentions.MentionStore mentions,
    TimeProvider time)
{
    public Task<Outcome<MessageDto>> ReplyAsync(Viewer viewer, long conversationId, ReplyRequest request, CancellationToken ct) =>
        WriteAsync(viewer, conversationId, request.Text, isPrivate: false, request.IdentityId, request.ChannelId, request.AttachmentIds ?? [], ct, request.Template);

    /// <summary>A private note; the agents it @mentions (other than its author) must be able to see the thread, and are notified.</summary>
    public async Task<Outcome<MessageDto>> NoteAsync(Viewer viewer, long conversationId, NoteRequest request, CancellationToken ct)
    {
        var mentioned = new List<Viewer>();
        foreach (var id in (request.MentionedUserIds ?? []).Distinct().Where(id => id != viewer.UserId))
        {
            if (await users.ActiveViewerAsync(id, ct) is not { } agent)
                return Outcome<MessageDto>.Invalid("mentionedUserIds", $"There is no active agent {id}.");
            mentioned.Add(agent);
        }
        return await WriteAsync(viewer, conversationId, request.Text, isPrivate: true, null, null, [], ct, mentioned: mentioned);
    }

    /// <summary>An agent retries a failed reply: queued again on the same outbox row, so with the same idempotency key.</summary>
    public async Task<Outcome<MessageDto>> RetryAsync(Viewer viewer, long conversationId, long messageId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        LiveEvent live;
        MessageDto dto;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var conversation = await conversations.GetForUpdateAsync(c, tx, conversationId, ct);
            if (conversation is null || !viewer.CanSee(conversation.TeamId)) return Outcome<MessageDto>.NotFound("Conversation");
            var message = await messages.GetDtoAsync(c, tx, messageId, ct);
            if (message is null || message.ConversationId != conversationId) return Outcome<MessageDto>.NotFound("Message");
            if (!await messages.RequeueFailedAsync(c, tx, messageId, conversationId, now, ct))
                return Outcome<MessageDto>.Conflict("Only a failed reply can be retried.");
            if (!await outbox.RearmFailedAsync(c, tx, messageId, now, ct))
                await outbox.EnqueueAsync(c, tx, messageId, message.ChannelId!.Value, now, ct);
            dto = (await messages.GetDtoAsync(c, tx, messageId, ct))!;
            live = await events.AppendAsync(c, tx, EventTypes.MessageStatusChanged, new ConversationAudience(conversationId, conversation.TeamId, conversation.AssigneeId),
                viewer.UserId, new MessageStatusData(MessageStatus.Queued, null, "retried"), new MessageStatusDto(messageId, conversationId, MessageStatus.Queued, null), now, ct);
            await tx.CommitAsync(ct);
        }
        outboxSignal.Notify();
        await notifier.PublishAsync([live], ct);
        return Outcome<MessageDto>.Ok(dto);
    }

    private async Task<Outcome<MessageDto>> WriteAsync(Viewer viewer, long conversationId, string? text, bool isPrivate, long? identityId, long? channelId,
        IReadOnlyList<long> attachmentIds, CancellationToken ct, ReplyTemplate? template = null, IReadOnlyList<Viewer>? mentioned = null)
    {
        mentioned ??= [];
        if (string.IsNullOrWhiteSpace(text) && attachmentIds.Count == 0 && template is null) return Outcome<MessageDto>.Invalid("text", "Text is required.");
        text ??= "";
        if (attachmentIds.Count > files.Value.MaxFilesPerReply)
            return Outcome<MessageDto>.Invalid("attachmentIds", $"A reply carries at most {files.Value.MaxFilesPerReply} files.");
        if (text.Length > options.Value.MaxTextLength) return Outcome<MessageDto>.Invalid("text", $"Text is longer than {options.Value.MaxTextLength} characters.");

        var now = time.GetUtcNow();
        var live = new List<LiveEvent>();
        MessageDto dto;
        IReadOnlyDictionary<long, long> notified = new Dictionary<long, long>();
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var conversation = await conversations.GetForUpdateAsync(c, tx, conversationId, ct);
            if (conversation is null || !viewer.CanSee(conversation.TeamId)) return Outcome<MessageDto>.NotFound("Conversation");
            if (mentioned.FirstOrDefault(m => !m.CanSee(conversation.TeamId)) is { } blind)
                return Outcome<MessageDto>.Invalid("mentionedUserIds", $"Agent {blind.UserId} cannot see this conversation, so cannot be mentioned in it.");

            long? useIdentity = null, useChannel = null;
            IReadOnlyList<StoredAttachment> attached = [];
            (IdentityDto Identity, Channel Channel)? target = null;
            OutboundTemplate? sendTemplate = null;
            ConversationChange? assigned = null; // or, on a note, who it mentions
            if (!isPrivate)
            {
                useIdentity = identityId ?? conversation.LastInboundIdentityId;
                if (useIdentity is null) return Outcome<MessageDto>.Invalid("identityId", "The contact has no address to reply to.");
                var identity = await contacts.GetIdentityAsync(c, tx, useIdentity.Value, ct);
                var contact = await contacts.GetAsync(c, tx, conversation.ContactId, ct);
                if (identity is null || contact is null || contact.Identities.All(i => i.Id != identity.Id))
                    return Outcome<MessageDto>.Invalid("identityId", "That address does not belong to this conversation's contact.");
                useChannel = channelId ?? identity.LastChannelId;
                if (useChannel is null) return Outcome<MessageDto>.Invalid("channelId", "Choose the channel to answer on: this address has not written on any channel yet.");
                var channel = await channels.GetAsync(c, tx, useChannel.Value, ct);
                if (channel is null) return Outcome<MessageDto>.Invalid("channelId", $"There is no channel {useChannel}.");
                if (!channel.Enabled)
                    return Outcome<MessageDto>.Invalid("channelId", $"The channel '{channel.Name}' is {(channel.ArchivedAt is null ? "disabled" : "archived")}.");
                if (!connectors.CanReach(channel, identity.Kind, identity.Address))
                    return Outcome<MessageDto>.Invalid("channelId", $"The channel '{channel.Name}' cannot reach {identity.Kind} address {identity.Address}.");
                target = (identity, channel);
                var window = await replyWindows.DecideAsync(c, tx, conversationId, channel, identity.Id, text, template, now, ct);
                if (window.Problem is { } refused) return Outcome<MessageDto>.Invalid(window.Field!, refused);
                (sendTemplate, text) = (window.Template, window.Text);
                if (attachmentIds.Count > 0)
                {
                    if (connectors.Connector(channel.Type) is not { } connector || !connector.Capabilities.HasFlag(ChannelCapabilities.Attachments))
                        return Outcome<MessageDto>.Invalid("attachmentIds", $"The channel '{channel.Name}' cannot send files.");
                    var ids = attachmentIds.Distinct().ToList();
                    var uploads = await attachments.UploadsOfAsync(c, tx, viewer.UserId, ids, ct);
                    var unknown = ids.Where(id => !uploads.ContainsKey(id)).ToList();
                    if (unknown.Count > 0) return Outcome<MessageDto>.Invalid("attachmentIds", $"There is no upload {unknown[0]} of yours.");
                    if (uploads.Values.FirstOrDefault(u => u.Size > connector.MaxAttachmentBytes) is { } large)
                        return Outcome<MessageDto>.Invalid("attachmentIds", $"\"{large.FileName}\" is larger than the channel '{channel.Name}' carries ({connector.MaxAttachmentBytes} bytes).");
                    attached = ids.Select(id => uploads[id]).ToList();
                }
            }

            var messageId = await messages.InsertOutboundAsync(c, tx, conversationId, useChannel, useIdentity, viewer.UserId, text, isPrivate, now, ct);
            foreach (var file in attached) await attachments.InsertAsync(c, tx, messageId, file, now, ct);
            if (sendTemplate is not null) await ReplyWindows.SaveTemplateAsync(c, tx, messageId, sendTemplate, ct);
            if (isPrivate && mentioned.Count > 0)
            {
                var ids = mentioned.Select(m => m.UserId).ToList();
                notified = await mentions.InsertAsync(c, tx, messageId, viewer.UserId, ids, now, ct);
                assigned = conversation.Mention(messageId, ids, viewer.UserId, now);
            }
            else if (isPrivate) conversation.RecordNote(now);
            else
            {
                await outbox.EnqueueAsync(c, tx, messageId, useChannel!.Value, now, ct);
                if (target is { } t && await offlineEmail.CopyAsync(c, tx, conversationId, messageId, t.Identity, t.Channel, viewer.UserId, text, attached, now, ct) is { } copyId)
                    live.Add(await events.AppendAsync(c, tx, EventTypes.MessageCreated, new ConversationAudience(conversationId, conversation.TeamId, conversation.AssigneeId),
                        viewer.UserId, null, (await messages.GetDtoAsync(c, tx, copyId, ct))!, now, ct));
                conversation.RecordReply(useChannel, text, now);
                // Whoever answers an unassigned customer takes the conversation, so two agents don't both answer it.
                if (conversation.AssigneeId is null) assigned = conversation.Assign(viewer.UserId, conversation.TeamId, viewer.UserId, now);
            }
            await conversations.SaveAsync(c, tx, conversation, now, ct);

            var audience = new ConversationAudience(conversationId, conversation.TeamId, conversation.AssigneeId);
            dto = (await messages.GetDtoAsync(c, tx, messageId, ct))!;
            live.Add(await events.AppendAsync(c, tx, EventTypes.MessageCreated, audience, viewer.UserId, null, dto, now, ct));
            live.Add(await events.AppendAsync(c, tx, assigned?.EventType ?? EventTypes.ConversationActivity, audience, viewer.UserId,
                assigned?.Data is AssignedData a ? a with { Reason = "replied" } : assigned?.Data, (await conversations.GetDtoAsync(c, tx, conversationId, ct))!, now, ct));
            await tx.CommitAsync(ct);
        }
        if (!isPrivate) outboxSignal.Notify();
        await notifier.PublishAsync(live, ct);
        if (notified.Count > 0)
        {
            var thread = (ConversationDto)live[^1].Payload;
            foreach (var (userId, id) in notified)
                await notifier.NotifyAsync(userId, new NotificationDto(id, NotificationKinds.Mention, conversationId, viewer.UserId, dto.AuthorName,
                    Mentions.MentionStore.Preview(dto.Text), thread.Contact.Name, dto.CreatedAt, dto.Id), ct);
        }
        return Outcome<MessageDto>.Ok(dto);
    }
}
