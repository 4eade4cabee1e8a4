using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Inbox.Server.Api;

/// <summary>Unreadable requests (malformed JSON, wrong content type, too large) are the client's 4xx, never a 500,
/// and say what is wrong and where (the JSON path, line and byte).</summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        LogRejected(http.Request.Method, http.Request.Path, bad.StatusCode, bad.Message);
        http.Response.StatusCode = bad.StatusCode;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message },
        };
        if (bad.InnerException is JsonException json)
        {
            // System.Text.Json's message names the problem and its place ("… Path: $.name | LineNumber: 0 | BytePositionInLine: 9.").
            context.ProblemDetails.Title = "The request body is not valid JSON for this endpoint";
            context.ProblemDetails.Detail = json.Message;
            context.ProblemDetails.Extensions["path"] = json.Path;
            context.ProblemDetails.Extensions["line"] = json.LineNumber;
            context.ProblemDetails.Extensions["bytePosition"] = json.BytePositionInLine;
        }
        return await problems.TryWriteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Path} with {Status}: {Reason}")]
    private partial void LogRejected(string method, string path, int status, string reason);
}
