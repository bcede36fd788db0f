using System.Text.RegularExpressions;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The nine <c>*_closed_guard_*</c> triggers (visit_note, vital_sign, visit_diagnosis: insert, update, delete) keep a
/// closed visit's clinical record final for every client. An update guard that names the columns it protects must
/// name every column of its table, so that a column added later is protected too (as the audit triggers must record
/// every column, AuditTrailTests).
/// </summary>
public partial class ClosedGuardTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>Columns an update of a closed visit's row may change, and why.</summary>
    private static readonly Dictionary<string, string> MayChange = new()
    {
        ["patient_id"] = "patient_merge moves every row of a merged record to the surviving patient",
    };

    [GeneratedRegex(@"NOT \(NEW\.(\w+) <=> OLD\.\1\)")]
    private static partial Regex ProtectedColumn();

    private static async Task<IReadOnlyList<(string Name, string Table, string Timing, string Event, string Body)>> GuardsAsync() =>
        await Db.QueryAsync<(string, string, string, string, string)>(
            "SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement FROM information_schema.triggers " +
            "WHERE trigger_schema = DATABASE() AND trigger_name LIKE '%\\_closed\\_guard\\_%' ORDER BY trigger_name");

    [Test]
    public async Task There_are_nine_closed_guards_before_each_insert_update_and_delete_of_three_tables()
    {
        var guards = await GuardsAsync();
        Assert.That(guards.Select(g => g.Name), Is.EqualTo(new[]
        {
            "visit_diagnosis_closed_guard_delete", "visit_diagnosis_closed_guard_insert", "visit_diagnosis_closed_guard_update",
            "visit_note_closed_guard_delete", "visit_note_closed_guard_insert", "visit_note_closed_guard_update",
            "vital_sign_closed_guard_delete", "vital_sign_closed_guard_insert", "vital_sign_closed_guard_update",
        }));
        foreach (var guard in guards)
        {
            Assert.That(guard.Timing, Is.EqualTo("BEFORE"), guard.Name);
            Assert.That(guard.Name, Is.EqualTo($"{guard.Table}_closed_guard_{guard.Event.ToLowerInvariant()}"), "named after its table and event");
        }
    }

    [Test]
    public async Task An_update_guard_protects_every_column_of_its_table_or_refuses_every_change()
    {
        var columns = (await Db.QueryAsync<(string Table, string Column, string Extra)>(
                "SELECT table_name, column_name, extra FROM information_schema.columns WHERE table_schema = DATABASE()"))
            .ToLookup(c => c.Table);
        foreach (var guard in (await GuardsAsync()).Where(g => g.Event == "UPDATE"))
        {
            var listed = ProtectedColumn().Matches(guard.Body).Select(m => m.Groups[1].Value).ToHashSet();
            if (listed.Count == 0)
            {
                // No column list: the guard refuses any update of a closed visit's row.
                Assert.That(Regex.IsMatch(guard.Body, @"IF v_status = 'closed' THEN\s+SIGNAL"), Is.True,
                    $"{guard.Name} lists no column, so it must refuse every update of a closed visit's row");
                continue;
            }
            var tableColumns = columns[guard.Table].ToList();
            Assert.That(tableColumns, Is.Not.Empty, guard.Table);
            foreach (var (_, column, extra) in tableColumns)
            {
                // VIRTUAL/STORED GENERATED; MySQL also says DEFAULT_GENERATED for a DEFAULT CURRENT_TIMESTAMP column, which is stored.
                if (Regex.IsMatch(extra, @"\b(VIRTUAL|STORED) GENERATED\b", RegexOptions.IgnoreCase))
                {
                    Assert.That(listed, Does.Not.Contain(column), $"{guard.Name}: {column} is computed from other columns");
                    continue;
                }
                if (MayChange.ContainsKey(column))
                    Assert.That(listed, Does.Not.Contain(column), $"{guard.Name}: {column} may change ({MayChange[column]})");
                else
                    Assert.That(listed, Does.Contain(column), $"{guard.Name} lets {guard.Table}.{column} change on a closed visit");
            }
            Assert.That(listed.Except(tableColumns.Select(c => c.Column)), Is.Empty, $"{guard.Name} names columns {guard.Table} does not have");
        }
    }
}
