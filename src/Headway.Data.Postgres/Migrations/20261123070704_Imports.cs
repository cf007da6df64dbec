using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Headway.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    PartnerId = table.Column<long>(type: "bigint", nullable: true),
                    ImportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    TenantsCreated = table.Column<int>(type: "integer", nullable: false),
                    EntitlementsCreated = table.Column<int>(type: "integer", nullable: false),
                    EntitlementsChanged = table.Column<int>(type: "integer", nullable: false),
                    LastChangeId = table.Column<long>(type: "bigint", nullable: false),
                    RevertedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RevertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportUndos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    TenantId = table.Column<long>(type: "bigint", nullable: false),
                    PartnerId = table.Column<long>(type: "bigint", nullable: true),
                    EntitlementId = table.Column<long>(type: "bigint", nullable: true),
                    VersionAfter = table.Column<int>(type: "integer", nullable: false),
                    Before = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportUndos", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_PartnerId_ImportedAt",
                table: "ImportBatches",
                columns: new[] { "PartnerId", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportUndos_ImportId_Kind",
                table: "ImportUndos",
                columns: new[] { "ImportId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "ImportUndos");
        }
    }
}
