using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DbUp.Engine;

namespace Clinic.Database.Migrations;

/// <summary>The kinds of script in db/, in the order an upgrade applies them.</summary>
public enum ScriptKind
{
    Migration = 0,
    Function = 1,
    View = 2,
    Procedure = 3,
    Trigger = 4,
}

/// <summary>
/// One script from db/. Run-once migrations are journaled by file name. Re-creatable objects
/// (functions, views, procedures, triggers) are journaled by file name plus a hash of their text, so an
/// upgrade re-creates exactly the objects whose files changed, and re-running it changes nothing.
/// </summary>
public sealed partial record CatalogScript(string Path, ScriptKind Kind, string Contents)
{
    /// <summary>The object a re-creatable script makes: its file name without .sql.</summary>
    public string ObjectName => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>
    /// A procedure the app account may call: every file in db/procedures/ except db/procedures/internal/,
    /// which holds the helpers that only other procedures (and the schema owner) call.
    /// </summary>
    public bool IsPublicProcedure => Kind == ScriptKind.Procedure && !Path.StartsWith("procedures/internal/", StringComparison.Ordinal);

    public string JournalName => Kind == ScriptKind.Migration ? Path : $"{Path}#{Hash(Contents)}";

    /// <param name="lockTriggerTables">Re-create a trigger while its table is locked (see <see cref="CommandsToRun"/>).</param>
    public SqlScript ToSqlScript(bool lockTriggerTables = true) =>
        new(JournalName, lockTriggerTables ? CommandsToRun : Contents, new SqlScriptOptions { RunGroupOrder = (int)Kind });

    /// <summary>The table a trigger script's trigger fires on; null for other scripts.</summary>
    public string? TriggerTable => Kind == ScriptKind.Trigger && TriggerOn().Match(Contents) is { Success: true } m
        ? m.Groups["table"].Value
        : null;

    /// <summary>
    /// What the migrator sends. A trigger is dropped and created again while its table is locked for writing
    /// (<c>LOCK TABLES t WRITE</c>, which both engines allow around trigger DDL), so no write from another
    /// session can land in between, unchecked and unaudited; it waits the few milliseconds instead. The
    /// lock is released before the journal row is written. Other scripts run as they are. Locking a table
    /// also locks what its triggers write, the audit schema included: the migrator needs LOCK TABLES there
    /// (provisioning grants it; <see cref="Migrator"/> checks and says so when it is missing).
    /// </summary>
    public string CommandsToRun => Kind == ScriptKind.Trigger
        ? $"LOCK TABLES {Migrator.Identifier(TriggerTable ?? throw new InvalidOperationException($"{Path} does not say which table its trigger is on."))} WRITE;\n" +
          Contents.TrimEnd() + "\nUNLOCK TABLES;\n"
        : Contents;

    [GeneratedRegex(@"CREATE\s+TRIGGER\s+`?\w+`?\s+(BEFORE|AFTER)\s+(INSERT|UPDATE|DELETE)\s+ON\s+`?(?<table>\w+)`?", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerOn();

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))))[..12];
}

/// <summary>The scripts embedded in this assembly from the repository's db/ folder.</summary>
public static class ScriptCatalog
{
    private static readonly Dictionary<string, ScriptKind> Folders = new()
    {
        ["migrations"] = ScriptKind.Migration,
        ["functions"] = ScriptKind.Function,
        ["views"] = ScriptKind.View,
        ["procedures"] = ScriptKind.Procedure,
        ["triggers"] = ScriptKind.Trigger,
    };

    private static readonly Lazy<IReadOnlyList<CatalogScript>> Scripts = new(Load);

    public static IReadOnlyList<CatalogScript> All => Scripts.Value;

    /// <summary>The names of the procedures the app account may EXECUTE (see <see cref="CatalogScript.IsPublicProcedure"/>).</summary>
    public static IEnumerable<string> PublicProcedures => All.Where(s => s.IsPublicProcedure).Select(s => s.ObjectName);

    private static IReadOnlyList<CatalogScript> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new List<(string Path, string Contents)>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("db/", StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.Add((name, reader.ReadToEnd()));
        }
        return FromFiles(files);
    }

    /// <summary>
    /// A catalogue from files named as in the repository (<c>db/migrations/0001_x.sql</c>); files outside the
    /// script folders are ignored. Ordered as an upgrade applies them.
    /// </summary>
    public static IReadOnlyList<CatalogScript> FromFiles(IEnumerable<(string Path, string Contents)> files)
    {
        var list = new List<CatalogScript>();
        foreach (var (name, contents) in files)
        {
            var normalised = name.Replace('\\', '/');
            if (!normalised.StartsWith("db/", StringComparison.Ordinal) || !normalised.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var path = normalised["db/".Length..];
            if (!Folders.TryGetValue(path.Split('/')[0], out var kind))
                continue;
            list.Add(new CatalogScript(path, kind, contents));
        }
        return list.OrderBy(s => s.Kind).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A frozen release's catalogue from a gzipped tar of its db/ folder, as scripts/freeze-release.sh writes it
    /// (<c>git archive --format=tar TAG db | gzip</c>).
    /// </summary>
    public static IReadOnlyList<CatalogScript> FromTarGz(Stream archive)
    {
        using var gzip = new System.IO.Compression.GZipStream(archive, System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        var files = new List<(string, string)>();
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (System.Formats.Tar.TarEntryType.RegularFile or System.Formats.Tar.TarEntryType.V7RegularFile)
                || entry.DataStream is null)
                continue;
            using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
            files.Add((entry.Name, reader.ReadToEnd()));
        }
        return FromFiles(files);
    }
}
