namespace Inbox.Server.Api;

public enum OutcomeError { NotFound, Invalid, Conflict, Forbidden, Unavailable, TooLarge, UnsupportedType }

/// <summary>What a domain command did: a value, or why not. Endpoints turn it into HTTP.</summary>
public sealed record Outcome<T>(T? Value, OutcomeError? Error, string Field = "", string Message = "")
{
    /// <summary>Several invalid fields at once (a form), when there is more than one.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; private init; }

    public static Outcome<T> Ok(T value) => new(value, null);
    public static Outcome<T> NotFound(string what) => new(default, OutcomeError.NotFound, "", what);
    public static Outcome<T> Invalid(string field, string message) => new(default, OutcomeError.Invalid, field, message);
    public static Outcome<T> Conflict(string message) => new(default, OutcomeError.Conflict, "", message);
    public static Outcome<T> Forbidden(string message) => new(default, OutcomeError.Forbidden, "", message);
    /// <summary>Something we depend on (a mail server) did not do its part: 503, worth retrying.</summary>
    public static Outcome<T> Unavailable(string message) => new(default, OutcomeError.Unavailable, "", message);
    /// <summary>A file over the limit: 413, naming the field.</summary>
    public static Outcome<T> TooLarge(string field, string message) => new(default, OutcomeError.TooLarge, field, message);
    /// <summary>A file of a type not taken here (decided from its bytes): 415, naming the field.</summary>
    public static Outcome<T> UnsupportedType(string field, string message) => new(default, OutcomeError.UnsupportedType, field, message);

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        var (field, messages) = errors.First();
        return errors.Count == 1 ? Invalid(field, string.Join(" ", messages)) : Invalid(field, messages[0]) with { Errors = errors };
    }

    public IResult ToHttp(Func<T, IResult>? ok = null) => Error switch
    {
        null => ok?.Invoke(Value!) ?? Results.Ok(Value),
        OutcomeError.NotFound => ApiProblems.NotFound(Message),
        OutcomeError.Invalid when Errors is not null => ApiProblems.Invalid(Errors.ToDictionary()),
        OutcomeError.Invalid => ApiProblems.Invalid(Field, Message),
        OutcomeError.Forbidden => ApiProblems.Forbidden(Message),
        OutcomeError.Unavailable => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Message),
        OutcomeError.TooLarge => ApiProblems.Invalid(Field, Message, StatusCodes.Status413PayloadTooLarge),
        OutcomeError.UnsupportedType => ApiProblems.Invalid(Field, Message, StatusCodes.Status415UnsupportedMediaType),
        _ => ApiProblems.Conflict(Message),
    };
}
