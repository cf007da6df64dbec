using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantsCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    EntitlementsCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    EntitlementsChanged = table.Column<int>(type: "INTEGER", nullable: false),
                    LastChangeId = table.Column<long>(type: "INTEGER", nullable: false),
                    RevertedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RevertedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportUndos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    EntitlementId = table.Column<long>(type: "INTEGER", nullable: true),
                    VersionAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
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
