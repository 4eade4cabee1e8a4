using System.Data.Common;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Contacts;

/// <summary>Contacts and the addresses (identities) that reach them; an address belongs to exactly one contact.</summary>
public sealed class ContactStore(IDbConnectionFactory db)
{
    public async Task<ContactIdentityRef?> FindIdentityAsync(DbConnection c, DbTransaction tx, ChannelAddress address, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<ContactIdentityRef>(new CommandDefinition("""
            SELECT id AS identity_id, contact_id FROM contact_identities WHERE kind = @Kind AND address = @Address
            """, new { Kind = address.Kind.ToDb(), Address = address.Value }, tx, cancellationToken: ct));

    /// <summary>A new contact reached at <paramref name="address"/>. Throws a unique violation if another writer
    /// created the address first; the caller re-reads.</summary>
    public async Task<ContactIdentityRef> CreateWithIdentityAsync(DbConnection c, DbTransaction tx, ChannelAddress address, string? displayName, long? channelId, DateTimeOffset now, CancellationToken ct)
    {
        var contactId = await c.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO contacts (id, name, search_name, email, phone, created_at, updated_at)
            VALUES ({StableIds.NextId(db.Dialect, "contacts")}, @Name, @SearchName, @Email, @Phone, @Now, @Now) RETURNING id
            """, new
        {
            Name = Clip(displayName, 200),
            SearchName = SearchFold(Clip(displayName, 200)),
            Email = address.Kind == IdentityKind.Email ? address.Value : null,
            Phone = address.Kind == IdentityKind.Phone ? address.Value : null,
            Now = now,
        }, tx, cancellationToken: ct));
        var identityId = await InsertIdentityAsync(c, tx, contactId, address, displayName, channelId, now, ct);
        return new ContactIdentityRef { IdentityId = identityId, ContactId = contactId };
    }

    public async Task<long> InsertIdentityAsync(DbConnection c, DbTransaction tx, long contactId, ChannelAddress address, string? displayName, long? channelId, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO contact_identities (contact_id, kind, address, display_name, last_channel_id, last_seen_at, created_at)
            VALUES (@ContactId, @Kind, @Address, @DisplayName, @ChannelId, @SeenAt, @Now)
            RETURNING id
            """, new
        {
            ContactId = contactId, Kind = address.Kind.ToDb(), Address = address.Value, DisplayName = Clip(displayName, 200),
            ChannelId = channelId, SeenAt = channelId is null ? (DateTimeOffset?)null : now, Now = now,
        }, tx, cancellationToken: ct));

    /// <summary>The contact's email field, when it has none yet, takes a newly verified address.</summary>
    public async Task FillEmailAsync(DbConnection c, DbTransaction tx, long contactId, string email, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE contacts SET email = @Email, updated_at = @Now WHERE id = @Id AND email IS NULL",
            new { Id = contactId, Email = email, Now = now }, tx, cancellationToken: ct));

    /// <summary>The address wrote on a channel now (and maybe under a new name). Prepared by the inbound writer.</summary>
    internal const string TouchIdentitySql = """
        UPDATE contact_identities
        SET last_channel_id = @ChannelId, last_seen_at = @Now, display_name = COALESCE(@DisplayName, display_name),
            unreachable_at = NULL, unreachable_reason = NULL
        WHERE id = @Id
        """;

    public async Task<IdentityDto?> GetIdentityAsync(DbConnection c, DbTransaction? tx, long identityId, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<IdentityRow>(new CommandDefinition(
            $"SELECT {IdentityColumns} FROM contact_identities WHERE id = @Id", new { Id = identityId }, tx, cancellationToken: ct));
        return row?.ToDto();
    }

    public async Task<ContactDto?> GetAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetAsync(c, null, id, ct);
    }

    public async Task<ContactDto?> GetAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var contact = await c.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition("""
            SELECT k.id, k.name, k.email, k.phone, k.notes, k.created_at, c.id AS conversation_id
            FROM contacts k LEFT JOIN conversations c ON c.contact_id = k.id
            WHERE k.id = @Id
            """, new { Id = id }, tx, cancellationToken: ct));
        if (contact is null) return null;
        var identities = await c.QueryAsync<IdentityRow>(new CommandDefinition(
            $"SELECT {IdentityColumns} FROM contact_identities WHERE contact_id = @Id ORDER BY id", new { Id = id }, tx, cancellationToken: ct));
        var dtos = identities.Select(i => i.ToDto()).ToList();
        var phones = dtos.Where(i => i.Kind == IdentityKind.Phone).Select(i => i.Address).Append(contact.Phone).OfType<string>();
        return new ContactDto(contact.Id, contact.Name, contact.Email, contact.Phone, contact.Notes, dtos, contact.ConversationId, contact.CreatedAt)
        {
            TimeZones = ContactTimeZones.Of(phones),
        };
    }

    /// <summary>Contacts whose name, email, phone or any address contains <paramref name="text"/>, newest first,
    /// among those the viewer may see.</summary>
    public async Task<IReadOnlyList<ContactSummaryDto>> SearchAsync(Agents.Viewer viewer, string text, long? excludeContactId, int limit, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("Pattern", LikePattern(text.Trim().ToLowerInvariant()));
        // Names are matched folded on both sides: "angela", "ÁNGELA" and "Ángela" find "Ángela".
        p.Add("NamePattern", LikePattern(SearchFold(text.Trim())!));
        // "+34 600 11" finds +3460011…: phones are stored as E.164 digits.
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        p.Add("Digits", "%" + digits + "%");
        var byPhone = digits.Length < 3 ? "" : """
            k.phone LIKE @Digits OR EXISTS (SELECT 1 FROM contact_identities d WHERE d.contact_id = k.id AND d.kind = 'phone' AND d.address LIKE @Digits) OR
            """;
        p.Add("Exclude", excludeContactId ?? 0);
        p.Add("Take", limit);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<ContactSummaryRow>(new CommandDefinition($"""
            SELECT k.id, k.name, k.email, k.phone
            FROM contacts k LEFT JOIN conversations c ON c.contact_id = k.id
            WHERE {Agents.Viewer.SqlFilter(db.Dialect)} AND k.id <> @Exclude
              AND ({byPhone} COALESCE(k.search_name, '') LIKE @NamePattern ESCAPE '\' OR LOWER(COALESCE(k.email, '')) LIKE @Pattern ESCAPE '\'
                   OR COALESCE(k.phone, '') LIKE @Pattern ESCAPE '\'
                   OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = k.id AND LOWER(i.address) LIKE @Pattern ESCAPE '\'))
            ORDER BY k.id DESC
            LIMIT @Take
            """, p, cancellationToken: ct));
        return rows.Select(r => new ContactSummaryDto(r.Id, r.Name, r.Email, r.Phone)).ToList();
    }

    public async Task<long?> TeamOfContactAsync(DbConnection c, DbTransaction? tx, long contactId, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT team_id FROM conversations WHERE contact_id = @Id", new { Id = contactId }, tx, cancellationToken: ct));

    public async Task<bool> ExistsAsync(DbConnection c, DbTransaction? tx, long contactId, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM contacts WHERE id = @Id", new { Id = contactId }, tx, cancellationToken: ct)) is not null;

    public async Task UpdateAsync(DbConnection c, DbTransaction tx, long id, string? name, string? email, string? phone, string? notes, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET name = @Name, search_name = @SearchName, email = @Email, phone = @Phone, notes = @Notes, updated_at = @Now WHERE id = @Id
            """, new { Id = id, Name = name, SearchName = SearchFold(name), Email = email, Phone = phone, Notes = notes, Now = now }, tx, cancellationToken: ct));

    /// <summary>Fills <c>search_name</c> for contacts stored before it existed; a batch at a time, how many it filled.</summary>
    public async Task<int> FoldMissingSearchNamesAsync(int batch, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM contacts WHERE search_name IS NULL AND name IS NOT NULL ORDER BY id LIMIT @Batch", new { Batch = batch }, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return 0;
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var (id, name) in rows)
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE contacts SET search_name = @SearchName WHERE id = @Id", new { Id = id, SearchName = SearchFold(name) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>How names are compared in search, for Spanish and English: lower case without accents or tildes
    /// ("Ñandú Ángela" → "nandu angela"), because agents type without them.</summary>
    public static string? SearchFold(string? value)
    {
        if (value is null) return null;
        var decomposed = value.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var folded = new System.Text.StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark) folded.Append(ch);
        return folded.ToString().Normalize(System.Text.NormalizationForm.FormC);
    }

    private static string LikePattern(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>Moves every identity of <paramref name="sourceId"/> to <paramref name="targetId"/>, fills the target's
    /// blanks from the source and deletes the source contact.</summary>
    public async Task MergeRecordsAsync(DbConnection c, DbTransaction tx, long targetId, long sourceId, DateTimeOffset now, CancellationToken ct)
    {
        await IdentityLinks.MoveToContactAsync(c, tx, sourceId, targetId, ct);
        await Handoff.HandoffStore.MoveToContactAsync(c, tx, sourceId, targetId, ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE contact_identities SET contact_id = @TargetId WHERE contact_id = @SourceId", new { TargetId = targetId, SourceId = sourceId }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET
                name  = COALESCE(name,  (SELECT s.name  FROM contacts s WHERE s.id = @SourceId)),
                search_name = CASE WHEN name IS NULL THEN (SELECT s.search_name FROM contacts s WHERE s.id = @SourceId) ELSE search_name END,
                email = COALESCE(email, (SELECT s.email FROM contacts s WHERE s.id = @SourceId)),
                phone = COALESCE(phone, (SELECT s.phone FROM contacts s WHERE s.id = @SourceId)),
                notes = CASE
                    WHEN (SELECT s.notes FROM contacts s WHERE s.id = @SourceId) IS NULL THEN notes
                    WHEN notes IS NULL THEN (SELECT s.notes FROM contacts s WHERE s.id = @SourceId)
                    ELSE notes || @NewLine || (SELECT s.notes FROM contacts s WHERE s.id = @SourceId) END,
                updated_at = @Now
            WHERE id = @TargetId
            """, new { TargetId = targetId, SourceId = sourceId, Now = now, NewLine = "\n" }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM contacts WHERE id = @SourceId", new { SourceId = sourceId }, tx, cancellationToken: ct));
    }

    /// <summary>The identity leaves <paramref name="contactId"/> for a new contact named as the identity is; an email or phone
    /// the old contact showed because of it goes along. Returns the new contact's id.</summary>
    public async Task<long> SplitIdentityAsync(DbConnection c, DbTransaction tx, long contactId, long identityId, DateTimeOffset now, CancellationToken ct)
    {
        var identity = await c.QuerySingleAsync<(string Kind, string Address, string? DisplayName)>(new CommandDefinition(
            "SELECT kind, address, display_name FROM contact_identities WHERE id = @Id", new { Id = identityId }, tx, cancellationToken: ct));
        var kind = DbEnum.Parse<IdentityKind>(identity.Kind);
        var newId = await c.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO contacts (id, name, search_name, email, phone, created_at, updated_at)
            VALUES ({StableIds.NextId(db.Dialect, "contacts")}, @Name, @SearchName, @Email, @Phone, @Now, @Now) RETURNING id
            """, new
        {
            Name = identity.DisplayName, SearchName = SearchFold(identity.DisplayName),
            Email = kind == IdentityKind.Email ? identity.Address : null, Phone = kind == IdentityKind.Phone ? identity.Address : null, Now = now,
        }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("UPDATE contact_identities SET contact_id = @NewId WHERE id = @Id",
            new { NewId = newId, Id = identityId }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE contacts SET email = CASE WHEN email = @Address AND @IsEmail THEN NULL ELSE email END,
                phone = CASE WHEN phone = @Address AND @IsPhone THEN NULL ELSE phone END, updated_at = @Now
            WHERE id = @Id
            """, new { Id = contactId, identity.Address, IsEmail = kind == IdentityKind.Email, IsPhone = kind == IdentityKind.Phone, Now = now }, tx, cancellationToken: ct));
        return newId;
    }

    private const string IdentityColumns = "id, kind, address, display_name, last_channel_id, last_seen_at, unreachable_at, unreachable_reason";

    /// <summary>A reply to the identity of <paramref name="messageId"/> failed because the address cannot be reached
    /// (migration 0011); the customer's next message from it clears this (<see cref="TouchIdentitySql"/>).</summary>
    public async Task MarkUnreachableAsync(long messageId, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE contact_identities SET unreachable_at = @Now, unreachable_reason = @Reason
            WHERE id = (SELECT identity_id FROM messages WHERE id = @MessageId)
            """, new { MessageId = messageId, Reason = Clip(reason, 500), Now = now }, cancellationToken: ct));
    }

    /// <summary>Names as stored: trimmed, blank is null, at most <paramref name="max"/> characters.</summary>
    internal static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Length <= max ? value.Trim() : value.Trim()[..max];

    private sealed class ContactSummaryRow
    {
        public long Id { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
    }

    private sealed class ContactRow
    {
        public long Id { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Notes { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long? ConversationId { get; set; }
    }

    private sealed class IdentityRow
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Address { get; set; } = "";
        public string? DisplayName { get; set; }
        public long? LastChannelId { get; set; }
        public DateTimeOffset? LastSeenAt { get; set; }
        public DateTimeOffset? UnreachableAt { get; set; }
        public string? UnreachableReason { get; set; }

        public IdentityDto ToDto() => new(Id, DbEnum.Parse<IdentityKind>(Kind), Address, DisplayName, LastChannelId, LastSeenAt)
        {
            UnreachableAt = UnreachableAt, UnreachableReason = UnreachableReason,
        };
    }
}
