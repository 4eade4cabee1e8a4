using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.CannedResponses;

/// <summary>Canned responses: shared ones (owner_id NULL) and each agent's own.</summary>
public sealed class CannedResponseStore(IDbConnectionFactory db)
{
    private const string Columns = "id, owner_id AS OwnerId, shortcut, title, text_en AS TextEn, text_es AS TextEs";

    /// <summary>The shared ones and the caller's own, by shortcut (an agent's own first when both use one).</summary>
    public async Task<IReadOnlyList<CannedResponseDto>> ListForAsync(long userId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CannedResponseDto>(new CommandDefinition($"""
            SELECT {Columns} FROM canned_responses WHERE owner_id IS NULL OR owner_id = @UserId
            ORDER BY shortcut, owner_id IS NULL, id
            """, new { UserId = userId }, cancellationToken: ct))).ToList();
    }

    public async Task<CannedResponseDto?> GetAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CannedResponseDto>(new CommandDefinition(
            $"SELECT {Columns} FROM canned_responses WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    /// <summary>Null when the owner (or the shared set) already has that shortcut.</summary>
    public async Task<CannedResponseDto?> CreateAsync(long? ownerId, CannedText text, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO canned_responses (owner_id, shortcut, title, text_en, text_es, created_at, updated_at)
                VALUES (@OwnerId, @Shortcut, @Title, @TextEn, @TextEs, @Now, @Now)
                RETURNING id
                """, new { OwnerId = ownerId, text.Shortcut, text.Title, text.TextEn, text.TextEs, Now = now }, cancellationToken: ct));
            return new CannedResponseDto(id, ownerId, text.Shortcut, text.Title, text.TextEn, text.TextEs);
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return null;
        }
    }

    /// <summary>False when the new shortcut is taken.</summary>
    public async Task<bool> UpdateAsync(long id, CannedText text, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE canned_responses SET shortcut = @Shortcut, title = @Title, text_en = @TextEn, text_es = @TextEs, updated_at = @Now
                WHERE id = @Id
                """, new { Id = id, text.Shortcut, text.Title, text.TextEn, text.TextEs, Now = now }, cancellationToken: ct));
            return true;
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public async Task DeleteAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM canned_responses WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }
}

/// <summary>A canned response's fields once validated: the shortcut lower-case, empty texts as null.</summary>
public sealed record CannedText(string Shortcut, string Title, string? TextEn, string? TextEs);
