namespace Inbox.Server.Api;

/// <summary>RFC 7807 answers with a message a person can act on.</summary>
public static class ApiProblems
{
    public static IResult Invalid(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message, statusCode: status);

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request has invalid fields: " + string.Join(", ", errors.Keys));

    public static IResult NotFound(string what) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    public static IResult Conflict(string message) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: message);

    public static IResult Forbidden(string message) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: message);

    public static IResult Unauthorized(string message) => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: message);
}
