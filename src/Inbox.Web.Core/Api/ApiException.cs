using System.Net;

namespace Inbox.Web.Api;

/// <summary>A non-success API answer, carrying the problem body when there was one.</summary>
public sealed class ApiException(HttpStatusCode status, ProblemDetailsDto? problem)
    : Exception(Describe(status, problem))
{
    public HttpStatusCode Status { get; } = status;

    public ProblemDetailsDto? Problem { get; } = problem;

    /// <summary>The most useful line to show an agent.</summary>
    public string UserMessage => Describe(Status, Problem);

    private static string Describe(HttpStatusCode status, ProblemDetailsDto? problem)
    {
        if (problem is null)
        {
            return $"{(int)status} {status}";
        }
        var firstError = problem.Errors?.Values.SelectMany(e => e).FirstOrDefault();
        return problem.Detail ?? firstError ?? problem.Title ?? $"{(int)status} {status}";
    }
}
