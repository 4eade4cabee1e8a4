using System.Data.Common;

namespace Inbox.Server.Data;

/// <summary>
/// One SQL statement prepared once on a long-lived connection and executed many times with new parameter values.
/// Dapper builds a new command per call, so SQLite parses and plans the statement every time; a command that is
/// executed again with the same text on the same connection keeps its prepared statement (Microsoft.Data.Sqlite,
/// and Npgsql after <see cref="DbCommand.Prepare"/>), so only the parameters are rebound.
/// Used on the inbound writer's hot path only (see <c>InboundPipeline</c>); everything else stays on Dapper. The SQL
/// text stays with the store that owns the table (an <c>internal const string</c> its Dapper method uses too), so
/// there is one copy of each statement. Plain ADO.NET: nothing here is specific to SQLite.
/// </summary>
public sealed class PreparedCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    /// <param name="parameterNames">The statement's <c>@Name</c> parameters (without '@'), in the order
    /// <see cref="Bind"/> receives their values.</param>
    public PreparedCommand(DbConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new DbParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            var p = _command.CreateParameter();
            p.ParameterName = "@" + parameterNames[i];
            p.Value = DBNull.Value;
            _command.Parameters.Add(p);
            _parameters[i] = p;
        }
        _command.Prepare();
    }

    /// <summary>Sets the parameter values (null is SQL NULL) and the transaction; returns the command to execute.</summary>
    public DbCommand Bind(DbTransaction tx, params ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameters.Length)
            throw new ArgumentException($"Expected {_parameters.Length} values, got {values.Length}.", nameof(values));
        _command.Transaction = tx;
        for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        return _command;
    }

    public void Dispose() => _command.Dispose();
}
