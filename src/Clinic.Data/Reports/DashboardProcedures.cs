using Clinic.Data.Common;

namespace Clinic.Data.Reports;

/// <summary>The period of a dashboard: both days included (the database refuses a missing day, a reversed period or more than 366 days).</summary>
public sealed record DashboardPeriod(DateTime From, DateTime To)
{
    /// <summary>The 30 days ending today.</summary>
    public static DashboardPeriod Last30Days(DateTime today) => new(today.Date.AddDays(-29), today.Date);
}

/// <summary>Appointments of one day, every doctor (dashboard_clinic, first result set).</summary>
public sealed record ClinicAppointmentDay
{
    public DateTime Day { get; init; }
    public long Appointments { get; init; }
    public long Completed { get; init; }
    public long Cancelled { get; init; }
    public long NoShow { get; init; }
    public long StillOpen { get; init; }
}

/// <summary>The no-show rate of one day (dashboard_clinic, second result set).</summary>
public sealed record ClinicNoShowDay
{
    public DateTime Day { get; init; }
    public long NoShow { get; init; }
    /// <summary>Appointments less the cancelled ones.</summary>
    public long Expected { get; init; }
    /// <summary>NoShow / Expected, 4 places; null when nothing was expected.</summary>
    public decimal? NoShowRate { get; init; }
}

/// <summary>One department's load over the period (dashboard_clinic, third result set).</summary>
public sealed record ClinicDepartmentLoad
{
    public string Department { get; init; } = "";
    public long Appointments { get; init; }
    public long WalkIns { get; init; }
    public long Visits { get; init; }
    /// <summary>The department's appointments and walk-ins over the period's total, 4 places.</summary>
    public decimal? Share { get; init; }
}

/// <summary>Queue waits of one day and priority (dashboard_clinic, fourth result set).</summary>
public sealed record ClinicQueueWaitDay
{
    public DateTime Day { get; init; }
    /// <summary>emergency, urgent or normal.</summary>
    public string Priority { get; init; } = "";
    public long Arrivals { get; init; }
    public long Seen { get; init; }
    public decimal? MedianWaitMinutes { get; init; }
    public decimal? P90WaitMinutes { get; init; }
    public decimal? MaxWaitMinutes { get; init; }
}

/// <summary>One doctor's utilisation over the period (dashboard_clinic, fifth result set).</summary>
public sealed record ClinicDoctorUtilisation
{
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public string Department { get; init; } = "";
    public long WorkingMinutes { get; init; }
    public long BookedMinutes { get; init; }
    /// <summary>Booked / working, 4 places; null without working time.</summary>
    public decimal? Utilisation { get; init; }
}

/// <summary>What dashboard_clinic returns.</summary>
public sealed record ClinicDashboardData(
    IReadOnlyList<ClinicAppointmentDay> Appointments,
    IReadOnlyList<ClinicNoShowDay> NoShows,
    IReadOnlyList<ClinicDepartmentLoad> Departments,
    IReadOnlyList<ClinicQueueWaitDay> QueueWaits,
    IReadOnlyList<ClinicDoctorUtilisation> Doctors)
{
    /// <summary>True when the period holds nothing to chart at all.</summary>
    public bool IsEmpty => Appointments.All(d => d.Appointments == 0) && Departments.Count == 0 && QueueWaits.Count == 0 && Doctors.Count == 0;
}

/// <summary>Dispensing of one day, every medication (dashboard_pharmacy, first result set).</summary>
public sealed record PharmacyDispensingDay
{
    public DateTime Day { get; init; }
    /// <summary>Medications dispensed (a dispensing of two medications counts twice).</summary>
    public long Items { get; init; }
    public long QuantityDispensed { get; init; }
    public decimal DispensedValue { get; init; }
}

/// <summary>One of the top prescribing doctors (dashboard_pharmacy, second result set; months the period touches).</summary>
public sealed record PharmacyTopPrescriber
{
    public int StaffId { get; init; }
    public string DoctorName { get; init; } = "";
    public long Prescriptions { get; init; }
    public long Items { get; init; }
    public long QuantityPrescribed { get; init; }
}

/// <summary>Dispensing of one week (dashboard_pharmacy, third result set).</summary>
public sealed record PharmacyDispensingWeek
{
    /// <summary>The Monday.</summary>
    public DateTime WeekStart { get; init; }
    public long Items { get; init; }
    public long QuantityDispensed { get; init; }
    public decimal DispensedValue { get; init; }
}

/// <summary>A medication below its reorder level today (dashboard_pharmacy, fourth result set).</summary>
public sealed record PharmacyStockBelowReorder
{
    public int MedicationId { get; init; }
    public string MedicationName { get; init; } = "";
    public long QuantityOnHand { get; init; }
    public long ReorderLevel { get; init; }
    public long Shortfall { get; init; }
}

/// <summary>Stock expired or expiring within 180 days, by month of expiry (dashboard_pharmacy, fifth result set).</summary>
public sealed record PharmacyExpiringMonth
{
    public DateTime MonthStart { get; init; }
    public long Lots { get; init; }
    public long QuantityOnHand { get; init; }
    public decimal StockValue { get; init; }
    /// <summary>The part of StockValue in lots already expired.</summary>
    public decimal ExpiredValue { get; init; }
    /// <summary>The part of StockValue in lots not yet expired.</summary>
    public decimal ExpiringValue { get; init; }
}

/// <summary>What dashboard_pharmacy returns.</summary>
public sealed record PharmacyDashboardData(
    IReadOnlyList<PharmacyDispensingDay> Dispensing,
    IReadOnlyList<PharmacyTopPrescriber> TopPrescribers,
    IReadOnlyList<PharmacyDispensingWeek> Weeks,
    IReadOnlyList<PharmacyStockBelowReorder> BelowReorder,
    IReadOnlyList<PharmacyExpiringMonth> Expiring)
{
    public bool IsEmpty => Dispensing.All(d => d.Items == 0) && TopPrescribers.Count == 0 && BelowReorder.Count == 0 && Expiring.Count == 0;
}

/// <summary>The doctor's consultations of one day (dashboard_my_performance, first result set).</summary>
public sealed record MyConsultationDay
{
    public DateTime Day { get; init; }
    /// <summary>Booked for the doctor, not cancelled.</summary>
    public long Appointments { get; init; }
    public long Completed { get; init; }
    public long NoShow { get; init; }
    public long WalkInsSeen { get; init; }
    /// <summary>Completed appointments and walk-ins seen.</summary>
    public long Consultations { get; init; }
}

/// <summary>The doctor's queue waits of one day (dashboard_my_performance, second result set).</summary>
public sealed record MyWaitDay
{
    public DateTime Day { get; init; }
    public long Seen { get; init; }
    public decimal? MedianWaitMinutes { get; init; }
    public decimal? P90WaitMinutes { get; init; }
}

/// <summary>One of the doctor's most frequent diagnoses (dashboard_my_performance, third result set).</summary>
public sealed record MyTopDiagnosis
{
    public string Icd10Code { get; init; } = "";
    public string Diagnosis { get; init; } = "";
    public long Diagnoses { get; init; }
    public long PrimaryDiagnoses { get; init; }
}

/// <summary>What dashboard_my_performance returns.</summary>
public sealed record MyPerformanceData(
    IReadOnlyList<MyConsultationDay> Consultations,
    IReadOnlyList<MyWaitDay> Waits,
    IReadOnlyList<MyTopDiagnosis> TopDiagnoses)
{
    public bool IsEmpty => Consultations.All(d => d.Appointments == 0 && d.WalkInsSeen == 0) && Waits.Count == 0 && TopDiagnoses.Count == 0;
}

/// <summary>The dashboard codes of db/ERRORS.md (51310-51329).</summary>
public static class DashboardCodes
{
    public const int PeriodDayMissing = 51310;
    public const int PeriodFirstDayAfterLast = 51311;
    public const int PeriodTooLong = 51312;
    public const int NoStaffRecord = 51313;
}

/// <summary>
/// The three dashboards (db/procedures/dashboard_clinic.sql, dashboard_pharmacy.sql, dashboard_my_performance.sql),
/// drawn by the database from the analysts' rpt_* views. Reads only; every figure, rate and ranking is the database's.
/// </summary>
public sealed class DashboardProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    private static object Args(DashboardPeriod period) => new { p_from = period.From.Date, p_to = period.To.Date };

    /// <summary>The administrator's clinic dashboard (report.clinic).</summary>
    public Task<ClinicDashboardData> ClinicAsync(DashboardPeriod period, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("dashboard_clinic", session, Args(period), async grid => new ClinicDashboardData(
            (await grid.ReadAsync<ClinicAppointmentDay>()).ToList(),
            (await grid.ReadAsync<ClinicNoShowDay>()).ToList(),
            (await grid.ReadAsync<ClinicDepartmentLoad>()).ToList(),
            (await grid.ReadAsync<ClinicQueueWaitDay>()).ToList(),
            (await grid.ReadAsync<ClinicDoctorUtilisation>()).ToList()), ct);

    /// <summary>The pharmacy dashboard (report.pharmacy).</summary>
    public Task<PharmacyDashboardData> PharmacyAsync(DashboardPeriod period, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("dashboard_pharmacy", session, Args(period), async grid => new PharmacyDashboardData(
            (await grid.ReadAsync<PharmacyDispensingDay>()).ToList(),
            (await grid.ReadAsync<PharmacyTopPrescriber>()).ToList(),
            (await grid.ReadAsync<PharmacyDispensingWeek>()).ToList(),
            (await grid.ReadAsync<PharmacyStockBelowReorder>()).ToList(),
            (await grid.ReadAsync<PharmacyExpiringMonth>()).ToList()), ct);

    /// <summary>The signed-in doctor's own figures (report.own_performance).</summary>
    public Task<MyPerformanceData> MyPerformanceAsync(DashboardPeriod period, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("dashboard_my_performance", session, Args(period), async grid => new MyPerformanceData(
            (await grid.ReadAsync<MyConsultationDay>()).ToList(),
            (await grid.ReadAsync<MyWaitDay>()).ToList(),
            (await grid.ReadAsync<MyTopDiagnosis>()).ToList()), ct);
}
