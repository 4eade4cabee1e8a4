namespace Inbox.Server.Api;

public enum OutcomeError { NotFound, Invalid, Conflict, Forbidden }

/// <summary>What a domain command did: a value, or why not. Endpoints turn it into HTTP.</summary>
public sealed record Outcome<T>(T? Value, OutcomeError? Error, string Field = "", string Message = "")
{
    public static Outcome<T> Ok(T value) => new(value, null);
    public static Outcome<T> NotFound(string what) => new(default, OutcomeError.NotFound, "", what);
    public static Outcome<T> Invalid(string field, string message) => new(default, OutcomeError.Invalid, field, message);
    public static Outcome<T> Conflict(string message) => new(default, OutcomeError.Conflict, "", message);
    public static Outcome<T> Forbidden(string message) => new(default, OutcomeError.Forbidden, "", message);

    public IResult ToHttp(Func<T, IResult>? ok = null) => Error switch
    {
        null => ok?.Invoke(Value!) ?? Results.Ok(Value),
        OutcomeError.NotFound => ApiProblems.NotFound(Message),
        OutcomeError.Invalid => ApiProblems.Invalid(Field, Message),
        OutcomeError.Forbidden => ApiProblems.Forbidden(Message),
        _ => ApiProblems.Conflict(Message),
    };
}
