using System.Globalization;
using System.Text;
using Inbox.Contracts;
using Inbox.Server.Api;

namespace Inbox.Server.Commerce;

/// <summary>
/// Products and stock from a spreadsheet: one row per SKU, columns <c>sku</c>, <c>name</c>, <c>price</c> and optionally
/// <c>currency</c> and <c>image_url</c>; a column <c>stock:CODE</c> holds the units at the location with that code; any
/// other column is an attribute (colour, material…). Commas or semicolons (Spanish spreadsheets), quotes as in RFC 4180,
/// a decimal comma when the separator is a semicolon. Locations and orders come by JSON import.
/// </summary>
public static class CatalogueCsv
{
    private const string StockPrefix = "stock:";

    public static Outcome<CatalogueImportRequest> Parse(string text)
    {
        text = text.TrimStart('\uFEFF');
        var separator = Separator(text);
        var rows = Rows(text, separator).Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0) return Outcome<CatalogueImportRequest>.Invalid("csv", "The file is empty: the first line names the columns (sku, name, price, …).");
        var raw = rows[0].Cells.Select(h => h.Trim()).ToList();
        var header = raw.Select(h => h.ToLowerInvariant()).ToList();
        foreach (var required in new[] { "sku", "name", "price" })
            if (!header.Contains(required)) return Outcome<CatalogueImportRequest>.Invalid("csv", $"Line 1 has no '{required}' column.");
        if (header.Distinct().Count() != header.Count) return Outcome<CatalogueImportRequest>.Invalid("csv", "Line 1 names a column twice.");
        if (rows.Count - 1 > CatalogueImport.MaxRows) return Outcome<CatalogueImportRequest>.Invalid("csv", $"At most {CatalogueImport.MaxRows} rows at once.");

        var decimalComma = separator == ';';
        var products = new List<ProductImport>();
        var stock = new List<StockImport>();
        foreach (var (cells, line) in rows.Skip(1))
        {
            string Cell(string column) => header.IndexOf(column) is var i and >= 0 && i < cells.Count ? cells[i].Trim() : "";
            var sku = Cell("sku");
            if (sku.Length == 0) return Outcome<CatalogueImportRequest>.Invalid("csv", $"Line {line}: the sku is empty.");
            var priceText = decimalComma ? Cell("price").Replace(".", "").Replace(',', '.') : Cell("price");
            if (!decimal.TryParse(priceText, NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
                return Outcome<CatalogueImportRequest>.Invalid("csv", $"Line {line}: the price '{Cell("price")}' is not a number.");
            var attributes = new Dictionary<string, string>();
            for (var i = 0; i < header.Count && i < cells.Count; i++)
            {
                var column = header[i];
                var value = cells[i].Trim();
                if (column is "sku" or "name" or "price" or "currency" or "image_url" || value.Length == 0) continue;
                if (column.StartsWith(StockPrefix, StringComparison.Ordinal))
                {
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var units))
                        return Outcome<CatalogueImportRequest>.Invalid("csv", $"Line {line}: the stock '{value}' in {column} is not a whole number.");
                    stock.Add(new StockImport(sku, raw[i][StockPrefix.Length..].Trim(), units));
                }
                else attributes[column] = value;
            }
            var currency = Cell("currency") is { Length: > 0 } c ? c.ToUpperInvariant() : "EUR";
            products.Add(new ProductImport(sku, Cell("name"), price, currency, attributes.Count > 0 ? attributes : null,
                Cell("image_url") is { Length: > 0 } image ? image : null));
        }
        return Outcome<CatalogueImportRequest>.Ok(new CatalogueImportRequest(Products: products, Stock: stock));
    }

    /// <summary>The first line's separator: ';' when it has more of them than commas.</summary>
    private static char Separator(string text)
    {
        var firstLine = text.AsSpan()[..(text.IndexOf('\n') is var n and >= 0 ? n : text.Length)];
        return firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
    }

    /// <summary>Each row's cells and the line it starts on (a quoted cell may span lines).</summary>
    private static IEnumerable<(List<string> Cells, int Line)> Rows(string text, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else
                {
                    if (ch == '\n') line++;
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.Length == 0) quoted = true;
            else if (ch == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString());
                cell.Clear();
                yield return (cells, rowLine);
                cells = [];
                line++;
                rowLine = line;
            }
            else cell.Append(ch);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return (cells, rowLine);
        }
    }
}
