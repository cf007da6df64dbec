using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "L3Values",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    L2 = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_L3Values", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Partners",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tenants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BrandName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    IsManaged = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    ManagerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    IsEnterprise = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDuplicate = table.Column<bool>(type: "INTEGER", nullable: false),
                    DuplicateReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tenants_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Entitlements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Workload = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    L1 = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    L2 = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    L3 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NoteGrade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EngagementStartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProjectedUnblockDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextAction = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NextActionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextActionOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BusinessReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EngagementScenario = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LastChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LastChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusBeforeDuplicate = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Entitlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Entitlements_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OverallNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAction = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NextActionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextActionOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Hashtags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverallNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OverallNotes_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    EntitlementId = table.Column<long>(type: "INTEGER", nullable: false),
                    Workload = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false),
                    L1 = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    L2 = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    L3 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProjectedUnblockDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatusChanges_Entitlements_EntitlementId",
                        column: x => x.EntitlementId,
                        principalTable: "Entitlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_L1_L2_Workload",
                table: "Entitlements",
                columns: new[] { "L1", "L2", "Workload" });

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_PartnerId_L1_Workload",
                table: "Entitlements",
                columns: new[] { "PartnerId", "L1", "Workload" });

            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_TenantId_Workload",
                table: "Entitlements",
                columns: new[] { "TenantId", "Workload" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_L3Values_L2_Code",
                table: "L3Values",
                columns: new[] { "L2", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OverallNotes_TenantId_CreatedAt",
                table: "OverallNotes",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Partners_Name",
                table: "Partners",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusChanges_EntitlementId_ChangedAt",
                table: "StatusChanges",
                columns: new[] { "EntitlementId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StatusChanges_TenantId_ChangedAt",
                table: "StatusChanges",
                columns: new[] { "TenantId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_ManagerName",
                table: "Tenants",
                column: "ManagerName");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_Name",
                table: "Tenants",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_PartnerId_Name",
                table: "Tenants",
                columns: new[] { "PartnerId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "L3Values");

            migrationBuilder.DropTable(
                name: "OverallNotes");

            migrationBuilder.DropTable(
                name: "StatusChanges");

            migrationBuilder.DropTable(
                name: "Entitlements");

            migrationBuilder.DropTable(
                name: "Tenants");

            migrationBuilder.DropTable(
                name: "Partners");
        }
    }
}
