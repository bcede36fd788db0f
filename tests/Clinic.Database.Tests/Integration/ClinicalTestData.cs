using Clinic.Data.Clinical;
using Clinic.Data.Common;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>Accessors and set-up for the visit and clinical-record tests (issue 4).</summary>
public static class ClinicalTestData
{
    public static VisitProcedures VisitsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static ClinicalRecordProcedures ClinicalAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    /// <summary>The rule code a call is refused with.</summary>
    public static async Task<int> CodeOf(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    /// <summary>The rule code and sentence a call is refused with.</summary>
    public static async Task<ClinicRuleException> RefusalOf(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!;

    /// <summary>The MySQL error number a statement run as the schema owner (the migrator) fails with.</summary>
    public static async Task<int> OwnerErrorOf(this TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        var ex = await Assert.ThrowsAsync<MySqlException>(async () => await Dapper.SqlMapper.ExecuteAsync(connection, sql, args));
        return ex!.Number;
    }

    /// <summary>Runs a statement as the schema owner (the migrator); returns the rows affected.</summary>
    public static async Task<int> OwnerExecuteAsync(this TestDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        return await Dapper.SqlMapper.ExecuteAsync(connection, sql, args);
    }

    public static async Task<long> MaxAuditIdAsync(this TestDatabase db) =>
        await db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

    /// <summary>A nurse of the visit's department and one of another department (account ids).</summary>
    public static async Task<(int SameDepartment, int OtherDepartment)> NursesAsync(this TestDatabase db, OpenVisit visit)
    {
        var same = await db.NewStaffAccountAsync("nurse", visit.DepartmentId);
        var otherDepartment = await db.FacilitiesAs(await db.AdminIdAsync()).CreateDepartmentAsync("Dept " + Guid.NewGuid().ToString("N")[..10]);
        var other = await db.NewStaffAccountAsync("nurse", otherDepartment);
        return (same, other);
    }
}
