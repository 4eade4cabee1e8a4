namespace Inbox.Web.Api;

/// <summary>
/// Server routes that <c>Inbox.Contracts.Routes</c> does not name yet (they exist on the server). Kept here so the
/// console does not scatter literals; move them into the shared Routes class when it gains them.
/// </summary>
public static class ConsoleRoutes
{
    public const string ChangePassword = "/api/auth/password";

    public static string ChannelTest(long id) => $"/api/channels/{id}/test";
}
