using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Negotiation.Storage.Model;

// Used by `dotnet ef migrations add` only: each provider keeps its own migrations.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNegotiationDbContext>
{
    public SqliteNegotiationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNegotiationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNegotiationDbContext>
{
    public PostgresNegotiationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNegotiationDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
