using System.Globalization;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Search;

/// <summary>GET /api/search: checks the request, runs the search of its kind and pages it by an opaque cursor.</summary>
public sealed class InboxSearch(MessageSearch messages, ContactDirectory contacts)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<Outcome<SearchResultsDto>> SearchAsync(Viewer viewer, string? q, string? kind, string? cursor, int? limit, long? channel, CancellationToken ct)
    {
        SearchKind searchKind;
        if (string.IsNullOrEmpty(kind)) searchKind = SearchKind.Messages;
        else if (!Enum.TryParse(kind, ignoreCase: true, out searchKind) || !Enum.IsDefined(searchKind))
            return Outcome<SearchResultsDto>.Invalid("kind", "Kind is 'messages' or 'contacts'.");
        if (limit is < 1 or > MaxLimit) return Outcome<SearchResultsDto>.Invalid("limit", $"Limit is between 1 and {MaxLimit}.");
        if (q is { Length: > 200 }) return Outcome<SearchResultsDto>.Invalid("q", "A search is at most 200 characters.");
        var before = long.MaxValue;
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, 1, out var parts) || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out before))
                return Outcome<SearchResultsDto>.Invalid("cursor", "The cursor is not one this search returned.");
        }
        var take = limit ?? DefaultLimit;

        if (searchKind == SearchKind.Contacts)
        {
            var found = await contacts.FindAsync(viewer, q, channel, before, take + 1, ct);
            var page = found.Take(take).ToList();
            return Outcome<SearchResultsDto>.Ok(new SearchResultsDto(searchKind, [], page, found.Count > take ? Next(page[^1].Id) : null));
        }

        if (channel is not null) return Outcome<SearchResultsDto>.Invalid("channel", "Messages are not filtered by channel; search contacts for that.");
        var terms = SearchTerms.Parse(q);
        if (terms.IsEmpty) return Outcome<SearchResultsDto>.Invalid("q", $"Search needs a word of at least {SearchTerms.MinWordLength} letters or digits.");
        var (hits, nextBefore) = await messages.FindAsync(viewer, terms, before, take, ct);
        return Outcome<SearchResultsDto>.Ok(new SearchResultsDto(searchKind, hits, [], nextBefore is { } n ? Next(n) : null));
    }

    private static string Next(long lastId) => Cursor.Encode(lastId.ToString(CultureInfo.InvariantCulture));
}
