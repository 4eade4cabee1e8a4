namespace Inbox.Web.Api;

/// <summary>Answer of POST /api/channels/{id}/test (a local copy of the connectors' ConnectionTestResult).</summary>
public sealed record ConnectionTestDto(bool Ok, string Message);
