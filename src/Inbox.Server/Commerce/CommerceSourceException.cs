namespace Inbox.Server.Commerce;

/// <summary>A source failed in a way its message explains to an agent ("the shop refused the key"); the message names no
/// URL, credential, email or phone, so <see cref="CommerceLookup"/> shows it as the source's problem.</summary>
public sealed class CommerceSourceException(string message, Exception? inner = null) : Exception(message, inner);
