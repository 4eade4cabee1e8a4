namespace Inbox.Server.Contacts;

/// <summary>An identity row's keys: which contact an address belongs to.</summary>
public sealed class ContactIdentityRef
{
    public long IdentityId { get; set; }
    public long ContactId { get; set; }
}
