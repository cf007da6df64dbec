using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entitlements_L1_L2_Workload",
                table: "Entitlements");

            migrationBuilder.AddColumn<string>(
                name: "TenantCountry",
                table: "Entitlements",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TenantManager",
                table: "Entitlements",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TenantPriority",
                table: "Entitlements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "TenantRegion",
                table: "Entitlements",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TenantSeats",
                table: "Entitlements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing entitlements take their tenant's attributes once; new ones get them when created.
            migrationBuilder.Sql("""
                UPDATE "Entitlements" SET
                    "TenantSeats" = (SELECT "Seats" FROM "Tenants" WHERE "Tenants"."Id" = "Entitlements"."TenantId"),
                    "TenantRegion" = (SELECT "Region" FROM "Tenants" WHERE "Tenants"."Id" = "Entitlements"."TenantId"),
                    "TenantCountry" = (SELECT "Country" FROM "Tenants" WHERE "Tenants"."Id" = "Entitlements"."TenantId"),
                    "TenantPriority" = (SELECT "Priority" FROM "Tenants" WHERE "Tenants"."Id" = "Entitlements"."TenantId"),
                    "TenantManager" = (SELECT "ManagerName" FROM "Tenants" WHERE "Tenants"."Id" = "Entitlements"."TenantId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_L1_L2_Workload_TenantSeats",
                table: "Entitlements",
                columns: new[] { "L1", "L2", "Workload", "TenantSeats" });

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_PartnerId_TenantManager_NoteGrade_L1",
                table: "Entitlements",
                columns: new[] { "PartnerId", "TenantManager", "NoteGrade", "L1" });

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_TenantId_Note_L1_L2",
                table: "Entitlements",
                columns: new[] { "TenantId", "Note", "L1", "L2" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entitlements_L1_L2_Workload_TenantSeats",
                table: "Entitlements");

            migrationBuilder.DropIndex(
                name: "IX_Entitlements_PartnerId_TenantManager_NoteGrade_L1",
                table: "Entitlements");

            migrationBuilder.DropIndex(
                name: "IX_Entitlements_TenantId_Note_L1_L2",
                table: "Entitlements");

            migrationBuilder.DropColumn(
                name: "TenantCountry",
                table: "Entitlements");

            migrationBuilder.DropColumn(
                name: "TenantManager",
                table: "Entitlements");

            migrationBuilder.DropColumn(
                name: "TenantPriority",
                table: "Entitlements");

            migrationBuilder.DropColumn(
                name: "TenantRegion",
                table: "Entitlements");

            migrationBuilder.DropColumn(
                name: "TenantSeats",
                table: "Entitlements");

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_L1_L2_Workload",
                table: "Entitlements",
                columns: new[] { "L1", "L2", "Workload" });
        }
    }
}
