using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Negotiation.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversation_references",
                columns: table => new
                {
                    platform = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    workspace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    service_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    bot_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    updated_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_references", x => new { x.platform, x.workspace, x.conversation_id });
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    platform = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    workspace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ordinal = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    phase = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_closed = table.Column<bool>(type: "boolean", nullable: false),
                    started_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    updated_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel_key = table.Column<string>(type: "character varying(640)", maxLength: 640, nullable: false),
                    event_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    received_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    finished_at_ms = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(640)", maxLength: 640, nullable: false),
                    inbox_id = table.Column<long>(type: "bigint", nullable: false),
                    recorded_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "installations",
                columns: table => new
                {
                    platform = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    workspace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    bot_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    bot_token = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    installed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    installed_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    uninstalled_at_ms = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_installations", x => new { x.platform, x.workspace });
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    channel_key = table.Column<string>(type: "character varying(640)", maxLength: 640, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    due_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    claimed_until_ms = table.Column<long>(type: "bigint", nullable: false),
                    sent_at_ms = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processed_events",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(640)", maxLength: 640, nullable: false),
                    seen_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_events", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deals_platform_workspace_channel_ordinal",
                table: "deals",
                columns: new[] { "platform", "workspace", "channel", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_channel_key_status_id",
                table: "inbox",
                columns: new[] { "channel_key", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_status_id",
                table: "inbox",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_keys_recorded_at_ms",
                table: "inbox_keys",
                column: "recorded_at_ms");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_status_due_at_ms",
                table: "outbox",
                columns: new[] { "status", "due_at_ms" });

            migrationBuilder.CreateIndex(
                name: "IX_processed_events_seen_at_ms",
                table: "processed_events",
                column: "seen_at_ms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversation_references");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "inbox_keys");

            migrationBuilder.DropTable(
                name: "installations");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "processed_events");
        }
    }
}
