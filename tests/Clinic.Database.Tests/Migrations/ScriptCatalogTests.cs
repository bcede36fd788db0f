using System.Text.RegularExpressions;
using Clinic.Database.Migrations;

namespace Clinic.Database.Tests.Migrations;

/// <summary>
/// Portability and convention rules for every script in db/ (README.md, "How the code is laid out"): these run without a
/// database and fail on the first script that breaks a rule.
/// </summary>
public partial class ScriptCatalogTests
{
    private static IEnumerable<CatalogScript> Scripts => ScriptCatalog.All;

    private static IEnumerable<CatalogScript> Recreatable => Scripts.Where(s => s.Kind != ScriptKind.Migration);

    /// <summary>Every script in db/: the catalog and the audit schema's scripts (db/audit/, run by provisioning).</summary>
    private static IEnumerable<(string Path, string Contents)> AllScripts =>
        Scripts.Select(s => (s.Path, s.Contents)).Concat(AuditSchema.Scripts.Select(s => (s.Name, s.Contents)));

    [Test]
    public void The_audit_schema_scripts_are_embedded()
    {
        Assert.That(AuditSchema.Scripts.Select(s => s.Name), Is.SupersetOf(new[] { "audit/0001_audit_log.sql", "audit/0002_patient_access_log.sql" }));
        Assert.That(Scripts.Select(s => s.Path), Has.None.StartWith("audit/"), "the audit schema's scripts never run as the migrator");
    }

    [Test]
    public void The_catalog_holds_every_kind_of_script()
    {
        Assert.That(Scripts.Select(s => s.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<ScriptKind>()));
        Assert.That(Scripts.Where(s => s.Kind == ScriptKind.Migration).Select(s => s.Path),
            Does.Contain("migrations/0001_audit_log.sql"));
    }

    [Test]
    public void Every_trigger_is_recreated_while_its_table_is_locked()
    {
        var triggers = Scripts.Where(s => s.Kind == ScriptKind.Trigger).ToList();
        Assert.That(triggers, Is.Not.Empty);
        foreach (var trigger in triggers)
        {
            Assert.That(trigger.TriggerTable, Is.Not.Null, $"{trigger.Path}: CREATE TRIGGER ... ON <table>");
            var commands = MySqlScriptSplitter.Split(trigger.CommandsToRun);
            Assert.That(commands[0], Is.EqualTo($"LOCK TABLES `{trigger.TriggerTable}` WRITE"), trigger.Path);
            Assert.That(commands[^1], Is.EqualTo("UNLOCK TABLES"), trigger.Path);
            Assert.That(commands.Skip(1).SkipLast(1), Is.EqualTo(MySqlScriptSplitter.Split(trigger.Contents)), trigger.Path);
        }
        var procedure = Scripts.First(s => s.Kind == ScriptKind.Procedure);
        Assert.That(procedure.CommandsToRun, Is.EqualTo(procedure.Contents), "only triggers are wrapped");
    }

    [Test]
    public void Migrations_are_numbered_uniquely()
    {
        var numbers = Scripts.Where(s => s.Kind == ScriptKind.Migration)
            .Select(s => MigrationName().Match(s.Path))
            .ToList();
        Assert.That(numbers.All(m => m.Success), Is.True, "migrations are named NNNN_name.sql");
        Assert.That(numbers.Select(m => m.Groups[1].Value), Is.Unique);
    }

    [Test]
    public void Recreatable_scripts_hold_one_object_named_after_the_file()
    {
        foreach (var script in Recreatable)
        {
            var name = Path.GetFileNameWithoutExtension(script.Path);
            var kind = script.Kind switch
            {
                ScriptKind.Function => "FUNCTION",
                ScriptKind.Procedure => "PROCEDURE",
                ScriptKind.View => "VIEW",
                _ => "TRIGGER",
            };
            var creates = CreateStatement().Matches(script.Contents);
            Assert.That(creates, Has.Count.EqualTo(1), $"{script.Path} must create exactly one object");
            Assert.That(creates[0].Groups["kind"].Value.ToUpperInvariant(), Is.EqualTo(kind), script.Path);
            Assert.That(creates[0].Groups["name"].Value, Is.EqualTo(name), script.Path);
            Assert.That(script.Contents, Does.Contain($"DROP {kind} IF EXISTS {name};"), $"{script.Path} must drop before it creates");
            Assert.That(script.Contents.TrimStart(), Does.StartWith($"-- {name}"), $"{script.Path} starts with a header comment naming the object");
        }
    }

    [Test]
    public void Functions_declare_determinism_or_data_access()
    {
        foreach (var script in Scripts.Where(s => s.Kind == ScriptKind.Function))
            Assert.That(script.Contents, Does.Match(@"\b(DETERMINISTIC|READS SQL DATA)\b"), script.Path);
    }

    [Test]
    public void Routines_run_as_definer()
    {
        foreach (var script in Scripts.Where(s => s.Kind is ScriptKind.Function or ScriptKind.Procedure or ScriptKind.View))
            Assert.That(script.Contents, Does.Contain("SQL SECURITY DEFINER"), script.Path);
    }

    [Test]
    public void Scripts_are_portable_to_MariaDB_and_MySQL()
    {
        foreach (var script in AllScripts)
        {
            var code = StripStrings(script.Contents);
            Assert.That(script.Contents, Does.Not.Contain("utf8mb4_0900"), $"{script.Path}: use utf8mb4_unicode_ci");
            Assert.That(code, Does.Not.Match(@"(^|\s)#"), $"{script.Path}: use -- comments, not #");
            Assert.That(code, Does.Not.Contain("/*"), $"{script.Path}: use -- comments, not /* */");
            Assert.That(DoubleQuoted().IsMatch(code), Is.False, $"{script.Path}: use single-quoted literals");
            Assert.That(script.Contents, Does.Not.Contain("DEFINER="), $"{script.Path}: never hard-code a definer");
        }
    }

    [Test]
    public void Every_signal_has_a_code_and_a_short_message()
    {
        foreach (var script in AllScripts)
        {
            foreach (Match signal in Signal().Matches(script.Contents))
            {
                var text = signal.Value;
                Assert.That(text, Does.Contain("MYSQL_ERRNO"), $"{script.Path}: {text}");
                var literal = MessageLiteral().Match(text);
                if (literal.Success)
                    Assert.That(literal.Groups[1].Value.Replace("''", "'").Length, Is.LessThanOrEqualTo(128), $"{script.Path}: {text}");
            }
        }
    }

    [Test]
    public void Every_import_error_has_a_code_and_a_short_message()
    {
        foreach (var script in AllScripts)
        {
            foreach (Match error in ImportErrorMessage().Matches(script.Contents))
                Assert.That(error.Groups[2].Value.Replace("''", "'").Length, Is.LessThanOrEqualTo(128), $"{script.Path}: {error.Value}");
        }
    }

    [Test]
    public void Every_error_code_is_listed_in_ERRORS_md_and_every_listed_code_is_used()
    {
        var errorsMd = File.ReadAllText(Path.Combine(RepoRoot(), "db", "ERRORS.md"));
        var listed = ListedCode().Matches(errorsMd).Select(m => m.Groups[1].Value).ToHashSet();
        // Codes of the CSV import's error report are written, not signalled: '<code> AS error_code' (db/ERRORS.md, 516xx),
        // and any five-digit 5xxxx code in the (comment-stripped) checks of the kinds (internal/import_<kind>_check).
        var used = AllScripts.SelectMany(s => Errno().Matches(s.Contents).Concat(ImportErrorCode().Matches(s.Contents))
            .Select(m => m.Groups[1].Value)).ToHashSet();
        used.UnionWith(Scripts.Where(s => ImportCheck().IsMatch(s.Path))
            .SelectMany(s => ImportCheckCode().Matches(StripComments(s.Contents)).Select(m => m.Groups[1].Value)));
        Assert.That(used.Except(listed), Is.Empty, "codes used in db/ but missing from db/ERRORS.md");
        Assert.That(listed.Except(used), Is.Empty, "codes listed in db/ERRORS.md but never raised");
    }

    [Test]
    public void Only_patient_require_active_says_a_patient_does_not_exist_or_was_merged()
    {
        foreach (var script in AllScripts.Where(s => s.Path != "procedures/internal/patient_require_active.sql"))
        {
            var codes = Errno().Matches(script.Contents).Select(m => m.Groups[1].Value);
            Assert.That(codes, Has.None.EqualTo("50209").And.None.EqualTo("50210"),
                $"{script.Path}: CALL patient_require_active(p_patient_id, 'exists' | 'active' | 'lock') instead");
        }
    }

    [Test]
    public void Only_age_years_computes_an_age()
    {
        foreach (var script in Recreatable.Where(s => s.ObjectName != "age_years"))
            Assert.That(StripComments(script.Contents), Does.Not.Contain("TIMESTAMPDIFF(YEAR"), $"{script.Path}: take the age from age_years");
    }

    [Test]
    public void Audit_triggers_are_written_by_scripts_audit_triggers_sh()
    {
        var audit = Scripts.Where(s => s.Kind == ScriptKind.Trigger && AuditTrigger().IsMatch(s.ObjectName)).ToList();
        Assert.That(audit, Is.Not.Empty);
        foreach (var script in audit)
        {
            Assert.That(script.Contents, Does.Contain("-- Made by scripts/audit-triggers.sh: keep the column list in step with the table"),
                $"{script.Path}: write it with scripts/audit-triggers.sh");
            // The script writes one column a line, in the same order for OLD and NEW.
            var objects = JsonObject().Matches(script.Contents).Select(m => m.Groups[1].Value).ToList();
            Assert.That(objects, Is.Not.Empty, script.Path);
            var lists = objects.Select(o => o.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                .Select(l => Regex.Replace(l, @"\b(OLD|NEW)\.", "ROW.")).ToList()).ToList();
            Assert.That(lists.All(l => l.SequenceEqual(lists[0])), Is.True, $"{script.Path}: OLD and NEW list the same columns in the same order");
            Assert.That(lists[0].All(l => ColumnLine().IsMatch(l)), Is.True, $"{script.Path}: one 'column', ROW.column a line");
        }
    }

    // Session hygiene: the data layer may reuse pooled sessions as they are, so no procedure may rely
    // on, or leave behind, session state from an earlier call.

    [Test]
    public void Every_procedure_that_writes_sets_the_acting_user_itself_or_is_only_called_by_ones_that_do()
    {
        var procedures = Scripts.Where(s => s.Kind == ScriptKind.Procedure)
            .ToDictionary(s => Path.GetFileNameWithoutExtension(s.Path), s => StripComments(s.Contents));
        var triggers = Scripts.Where(s => s.Kind == ScriptKind.Trigger).Select(s => StripComments(s.Contents)).ToList();
        bool SetsActor(string body) => body.Contains("CALL actor_require(") || body.Contains("CALL session_resolve(") || body.Contains("SET @clinic_actor_id");
        // A helper called only by triggers (or by such helpers) runs inside the statement of a writer that set the acting
        // user already: the summary tables of the analysts' views (report_*_add) are kept that way.
        bool CalledOnlyFromTriggers(string name, int depth)
        {
            if (depth > 3)
                return false;
            var byProcedures = procedures.Where(p => p.Value.Contains($"CALL {name}(")).Select(p => p.Key).ToList();
            var byTriggers = triggers.Any(t => t.Contains($"CALL {name}("));
            return (byTriggers || byProcedures.Count > 0) && byProcedures.All(caller => CalledOnlyFromTriggers(caller, depth + 1));
        }
        foreach (var (name, body) in procedures.Where(p => WriteStatement().IsMatch(p.Value) && !SetsActor(p.Value)))
        {
            if (CalledOnlyFromTriggers(name, 0))
                continue;
            var callers = procedures.Where(p => p.Value.Contains($"CALL {name}(")).ToList();
            Assert.That(callers, Is.Not.Empty, $"{name} writes without setting the acting user and nobody calls it");
            foreach (var (caller, callerBody) in callers)
                Assert.That(SetsActor(callerBody), Is.True, $"{name} writes on behalf of {caller}, which does not set the acting user");
        }
    }

    [Test]
    public void Every_procedure_that_starts_a_transaction_rolls_it_back_on_error()
    {
        foreach (var script in Scripts.Where(s => s.Kind == ScriptKind.Procedure && s.Contents.Contains("START TRANSACTION")))
            Assert.That(RollbackHandler().IsMatch(script.Contents), Is.True,
                $"{script.Path}: a failed call must not leave a transaction open on a pooled session");
    }

    [Test]
    public void Temporary_tables_are_dropped_before_they_are_created_and_after_use()
    {
        foreach (var script in Scripts)
        {
            foreach (Match create in TemporaryTable().Matches(script.Contents))
            {
                var name = create.Groups[1].Value;
                var drops = Regex.Matches(script.Contents, $@"DROP TEMPORARY TABLE IF EXISTS {name};").Count;
                // A table a check hands to its apply (same session, the next call) says so: "-- handed to internal/<proc>",
                // and that procedure drops it when done.
                if (Regex.Match(script.Contents, $@"-- {name} is handed to internal/(\w+)") is { Success: true } handed)
                {
                    var receiver = Scripts.Single(s => s.Path == $"procedures/internal/{handed.Groups[1].Value}.sql");
                    drops += Regex.Matches(receiver.Contents, $@"DROP TEMPORARY TABLE IF EXISTS {name};").Count;
                }
                Assert.That(drops, Is.GreaterThanOrEqualTo(2), $"{script.Path}: drop {name} before creating it and when done");
            }
        }
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Clinic.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Clinic.sln not found above the test directory.");
    }

    [GeneratedRegex(@"^\s*(INSERT|UPDATE|DELETE)\b(?!.*\btmp_)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex WriteStatement();

    [GeneratedRegex(@"DECLARE EXIT HANDLER FOR SQLEXCEPTION\s+BEGIN\s+ROLLBACK;", RegexOptions.IgnoreCase)]
    private static partial Regex RollbackHandler();

    [GeneratedRegex(@"CREATE TEMPORARY TABLE (?:IF NOT EXISTS )?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryTable();

    private static string StripComments(string sql) => LineComment().Replace(sql, "");

    private static string StripStrings(string sql) =>
        SingleQuoted().Replace(LineComment().Replace(sql, ""), "''");

    [GeneratedRegex(@"_audit_(insert|update|delete)$")]
    private static partial Regex AuditTrigger();

    [GeneratedRegex(@"JSON_OBJECT\(\n((?:[^()]|\(\))*)\)")]
    private static partial Regex JsonObject();

    [GeneratedRegex(@"^'(\w+)', ROW\.\1,?$")]
    private static partial Regex ColumnLine();

    [GeneratedRegex(@"^migrations/(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex MigrationName();

    [GeneratedRegex(@"CREATE\s+(?:SQL\s+SECURITY\s+DEFINER\s+)?(?<kind>FUNCTION|PROCEDURE|VIEW|TRIGGER)\s+(?<name>[a-z0-9_]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateStatement();

    [GeneratedRegex(@"""[^""\n]*""")]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"SIGNAL\s+SQLSTATE\s+'45000'[^;]*;", RegexOptions.IgnoreCase)]
    private static partial Regex Signal();

    [GeneratedRegex(@"MESSAGE_TEXT\s*=\s*'((?:[^']|'')*)'")]
    private static partial Regex MessageLiteral();

    [GeneratedRegex(@"^procedures/internal/import_[a-z_]+_check\.sql$")]
    private static partial Regex ImportCheck();

    [GeneratedRegex(@"\b(5\d{4})\b")]
    private static partial Regex ImportCheckCode();

    [GeneratedRegex(@"MYSQL_ERRNO\s*=\s*(\d+)")]
    private static partial Regex Errno();

    [GeneratedRegex(@"\b(\d{5}) AS error_code\b")]
    private static partial Regex ImportErrorCode();

    [GeneratedRegex(@"\b(\d{5}) AS error_code,\s*'((?:[^']|'')*)' AS message")]
    private static partial Regex ImportErrorMessage();

    [GeneratedRegex(@"^\|\s*(\d{5})\s*\|", RegexOptions.Multiline)]
    private static partial Regex ListedCode();

    [GeneratedRegex(@"'(?:[^'\\]|''|\\.)*'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"--[ \t][^\n]*")]
    private static partial Regex LineComment();
}
