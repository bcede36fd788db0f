using System.Text.RegularExpressions;
using Clinic.Database.Migrations;

namespace Clinic.Database.Backup;

/// <summary>
/// Rewrites a clinic-db backup, line by line, so that it loads under another database name with the target's
/// own accounts:
/// <list type="bullet">
/// <item>the dump's CREATE DATABASE lines are dropped (restore creates the databases itself) and its
/// <c>USE `source`</c> / <c>USE `source_audit`</c> become <c>USE `target`</c> / <c>USE `target_audit`</c>;</item>
/// <item>in the clinic database every DEFINER (routines, views, triggers, events) becomes the target's
/// migrator, who owns every object of a provisioned database; in the audit schema the DEFINER clause is
/// removed, so its objects belong to the restoring administrator, as provisioning makes them;</item>
/// <item>schema-qualified names (<c>`source`.</c>, <c>`source_audit`.</c>: views name their tables so, and
/// the audit link views reach the audit schema) are renamed.</item>
/// </list>
/// Data lines (INSERT INTO …, one statement per line in a mysqldump file) pass through untouched, so no
/// patient's text is ever rewritten. The names are checked identifiers, never user text spliced into SQL.
/// </summary>
public sealed partial class DumpRewriter
{
    private readonly string _source;
    private readonly string _sourceAudit;
    private readonly string _target;
    private readonly string _targetAudit;
    private readonly string _migratorDefiner;
    private bool _inAudit;

    public DumpRewriter(string source, string target, string accountHost)
    {
        Migrator.Identifier(source);
        Migrator.Identifier(target);
        _source = source;
        _target = target;
        _sourceAudit = AuditSchema.NameFor(source);
        _targetAudit = AuditSchema.NameFor(target);
        Migrator.Identifier(_sourceAudit);
        Migrator.Identifier(_targetAudit);
        var account = Migrator.Account($"{target}_migrator", accountHost);   // checked: '<user>'@'<host>'
        _migratorDefiner = "DEFINER=" + account.Replace('\'', '`');
    }

    /// <summary>The line to load instead of <paramref name="line"/>, or null to leave it out.</summary>
    public string? Rewrite(string line)
    {
        if (line.StartsWith("INSERT INTO ", StringComparison.Ordinal) || line.StartsWith("--", StringComparison.Ordinal))
            return line;
        if (CreateDatabase().Match(line) is { Success: true } create)
        {
            Known(create.Groups[1].Value);
            return null;
        }
        if (UseDatabase().Match(line) is { Success: true } use)
        {
            _inAudit = Known(use.Groups[1].Value);
            return $"USE `{(_inAudit ? _targetAudit : _target)}`;";
        }
        if (line.Contains("DEFINER=", StringComparison.Ordinal))
            line = Definer().Replace(line, _inAudit ? "" : _migratorDefiner);
        if (line.Contains('`'))
        {
            line = line.Replace($"`{_sourceAudit}`.", $"`{_targetAudit}`.", StringComparison.Ordinal)
                       .Replace($"`{_source}`.", $"`{_target}`.", StringComparison.Ordinal);
        }
        return line;
    }

    /// <summary>True for the audit schema, false for the clinic database; any other database is refused.</summary>
    private bool Known(string name) =>
        name == _sourceAudit || (name == _source ? false
            : throw new BackupException($"the dump holds the database {name}, which is neither {_source} nor {_sourceAudit}; it is not a clinic-db backup of {_source}."));

    [GeneratedRegex(@"^CREATE DATABASE (?:/\*!32312 IF NOT EXISTS\*/ )?`([^`]+)`")]
    private static partial Regex CreateDatabase();

    [GeneratedRegex(@"^USE `([^`]+)`;\s*$")]
    private static partial Regex UseDatabase();

    /// <summary>DEFINER=`user`@`host` (backticks doubled inside a name), as mysqldump and mariadb-dump write it.</summary>
    [GeneratedRegex(@"DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`")]
    private static partial Regex Definer();
}
