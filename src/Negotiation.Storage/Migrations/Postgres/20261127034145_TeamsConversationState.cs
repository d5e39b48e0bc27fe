using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Negotiation.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamsConversationState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "conversation_type",
                table: "conversation_references",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "gone_at_ms",
                table: "conversation_references",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "conversation_type",
                table: "conversation_references");

            migrationBuilder.DropColumn(
                name: "gone_at_ms",
                table: "conversation_references");
        }
    }
}
