namespace Inbox.Web.Conversations;

/// <summary>What the composer sends: a reply on one of the contact's identities, or a private note.</summary>
public sealed record ComposerSubmission(string Text, bool IsNote, long? IdentityId);
