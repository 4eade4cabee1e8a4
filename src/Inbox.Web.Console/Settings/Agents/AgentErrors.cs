using System.Net;
using Inbox.Web.Api;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Settings.Agents;

/// <summary>Messages of a failed PATCH /api/users/{id} that are not tied to one field.</summary>
public static class AgentErrors
{
    /// <summary>
    /// A 409 there only ever means "this is the last active admin" (the server writes it in English); anything else
    /// is shown as the server worded it.
    /// </summary>
    public static string General(ApiException ex, IStringLocalizer localizer) =>
        ex.Status == HttpStatusCode.Conflict ? localizer["Agents.Error.lastAdmin"] : ex.UserMessage;
}
