using Inbox.Contracts;

namespace Inbox.Web.Contacts;

/// <summary>How a contact is called in the UI: its name, else an address, else a placeholder.</summary>
public static class ContactNames
{
    public static string Display(ContactSummaryDto contact, string unknown) =>
        FirstNonBlank(contact.Name, contact.Email, contact.Phone) ?? unknown;

    public static string Display(ContactDto contact, string unknown) =>
        FirstNonBlank(contact.Name, contact.Email, contact.Phone, contact.Identities.FirstOrDefault()?.Address) ?? unknown;

    public static string Initials(string name)
    {
        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.FirstOrDefault(char.IsLetterOrDigit))
            .Where(c => c != default)
            .Take(2)
            .ToArray();
        return letters.Length == 0 ? "?" : new string(letters).ToUpperInvariant();
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
