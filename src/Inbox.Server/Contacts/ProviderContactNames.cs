using System.Data.Common;
using Dapper;

namespace Inbox.Server.Contacts;

/// <summary>
/// A name the customer's provider gives (WhatsApp's ProfileName, a Telegram first name) fills a contact that has none,
/// for instance one first seen by SMS. A name an agent set, or an earlier one, is never replaced.
/// </summary>
public static class ProviderContactNames
{
    public static async Task<bool> FillIfUnnamedAsync(DbConnection c, DbTransaction tx, long contactId, string name, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET name = @Name, search_name = @SearchName, updated_at = @Now
            WHERE id = @Id AND (name IS NULL OR name = '')
            """, new { Id = contactId, Name = name, SearchName = ContactStore.SearchFold(name), Now = now }, tx, cancellationToken: ct)) > 0;
}
