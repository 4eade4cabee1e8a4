using System.Data.Common;
using Dapper;
using Inbox.Contracts;

namespace Inbox.Server.Mentions;

/// <summary>Who was @mentioned in which private note (the Mentions view); the bell is <see cref="Notifications.NotificationStore"/>.
/// The conversation is the note's, so a mention follows a merge.</summary>
public sealed class MentionStore(Notifications.NotificationStore notifications)
{
    public const int PreviewLength = 140;

    /// <summary>Records the mentions and puts each in its agent's bell; returns each agent's notification id.</summary>
    public async Task<IReadOnlyDictionary<long, long>> InsertAsync(DbConnection c, DbTransaction tx, long messageId, long authorId, IReadOnlyList<long> userIds,
        DateTimeOffset now, CancellationToken ct)
    {
        var notified = new Dictionary<long, long>();
        foreach (var userId in userIds)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO mentions (message_id, user_id, created_at) VALUES (@MessageId, @UserId, @Now) ON CONFLICT DO NOTHING",
                new { MessageId = messageId, UserId = userId, Now = now }, tx, cancellationToken: ct));
            notified[userId] = await notifications.InsertAsync(c, tx, userId, NotificationKinds.Mention, null, messageId, authorId, now, ct);
        }
        return notified;
    }

    public static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength];
}
