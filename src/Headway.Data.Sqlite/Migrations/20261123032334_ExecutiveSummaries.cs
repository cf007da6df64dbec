using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExecutiveSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExecutiveSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerDescription = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EngagementStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DeploymentProgress = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Lines = table.Column<string>(type: "TEXT", nullable: false),
                    SupportRequests = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Risks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExecutiveSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExecutiveSummaries_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExecutiveSummaries_Region_CreatedAt",
                table: "ExecutiveSummaries",
                columns: new[] { "Region", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExecutiveSummaries_TenantId_CreatedAt",
                table: "ExecutiveSummaries",
                columns: new[] { "TenantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExecutiveSummaries");
        }
    }
}
