using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EntitlementHashtagIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_Hashtags_TenantRegion_Workload_LastChangedAt_L1_PartnerId",
                table: "Entitlements",
                columns: new[] { "Hashtags", "TenantRegion", "Workload", "LastChangedAt", "L1", "PartnerId" },
                filter: "\"Hashtags\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entitlements_Hashtags_TenantRegion_Workload_LastChangedAt_L1_PartnerId",
                table: "Entitlements");
        }
    }
}
