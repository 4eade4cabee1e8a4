using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

/// <summary>
/// A refused hub call (a conversation the caller may not see) is the caller's mistake: one warning line, no stack
/// trace, so no agent can flood the log with errors. Anything else is still an error with its exception. SignalR's
/// own per-failure error log is silenced for this reason (see <see cref="LiveExtensions"/>).
/// </summary>
public sealed partial class HubCallLogging(ILogger<HubCallLogging> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException ex)
        {
            LogRefused(invocation.HubMethodName, invocation.Context.UserIdentifier, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, invocation.HubMethodName, invocation.Context.UserIdentifier);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused hub call {Method} by user {UserId}: {Reason}")]
    private partial void LogRefused(string method, string? userId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} by user {UserId} failed")]
    private partial void LogFailed(Exception exception, string method, string? userId);
}
