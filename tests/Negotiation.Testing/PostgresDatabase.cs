using Npgsql;

namespace Negotiation.Testing;

/// <summary>A throwaway database on the PostgreSQL that <c>.ci/run</c> starts; dropped when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The admin connection string of the test server.</summary>
    public const string Variable = "NEGOTIATION_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need {Variable} (an admin connection string). `bash .ci/run` starts a throwaway server and sets it; " +
                "by hand: export " + Variable + "=\"$(.ci/postgres.sh start)\".");

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = AdminConnectionString();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        return new PostgresDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
