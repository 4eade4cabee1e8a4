using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Labels;

/// <summary>The admin-defined labels. Which conversations carry one is the conversation's (see ConversationStore).</summary>
public sealed class LabelStore(IDbConnectionFactory db)
{
    public async Task<IReadOnlyList<LabelDto>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<LabelDto>(new CommandDefinition("SELECT id, name, colour FROM labels ORDER BY name", cancellationToken: ct))).ToList();
    }

    public async Task<bool> ExistsAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM labels WHERE id = @Id", new { Id = id }, cancellationToken: ct)) is not null;
    }

    /// <summary>Null when the name is taken (case-insensitively).</summary>
    public async Task<LabelDto?> CreateAsync(string name, string colour, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO labels (name, colour, created_at) VALUES (@Name, @Colour, @Now) RETURNING id", new { Name = name, Colour = colour, Now = now }, cancellationToken: ct));
            return new LabelDto(id, name, colour);
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return null;
        }
    }

    public async Task<(LabelDto? Label, bool NameTaken)> UpdateAsync(long id, string name, string colour, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            var changed = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE labels SET name = @Name, colour = @Colour WHERE id = @Id", new { Id = id, Name = name, Colour = colour }, cancellationToken: ct));
            return (changed == 0 ? null : new LabelDto(id, name, colour), false);
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return (null, true);
        }
    }

    /// <summary>Removes the label from every conversation too (SQLite here does not enforce foreign keys).</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM conversation_labels WHERE label_id = @Id", new { Id = id }, tx, cancellationToken: ct));
        var deleted = await c.ExecuteAsync(new CommandDefinition("DELETE FROM labels WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted > 0;
    }
}
