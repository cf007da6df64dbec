using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexesTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entitlements_L1_L2_Workload_TenantSeats",
                table: "Entitlements");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_IsDuplicate",
                table: "Tenants",
                column: "IsDuplicate",
                filter: "\"IsDuplicate\"");

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_L1_L2_Workload_TenantSeats_TenantId",
                table: "Entitlements",
                columns: new[] { "L1", "L2", "Workload", "TenantSeats", "TenantId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_IsDuplicate",
                table: "Tenants");

            migrationBuilder.DropIndex(
                name: "IX_Entitlements_L1_L2_Workload_TenantSeats_TenantId",
                table: "Entitlements");

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_L1_L2_Workload_TenantSeats",
                table: "Entitlements",
                columns: new[] { "L1", "L2", "Workload", "TenantSeats" });
        }
    }
}
