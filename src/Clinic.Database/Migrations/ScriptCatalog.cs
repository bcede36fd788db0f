using System.Reflection;
using System.Security.Cryptography;
using System.Text;
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
public sealed record CatalogScript(string Path, ScriptKind Kind, string Contents)
{
    /// <summary>The object a re-creatable script makes: its file name without .sql.</summary>
    public string ObjectName => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>
    /// A procedure the app account may call: every file in db/procedures/ except db/procedures/internal/,
    /// which holds the helpers that only other procedures (and the schema owner) call.
    /// </summary>
    public bool IsPublicProcedure => Kind == ScriptKind.Procedure && !Path.StartsWith("procedures/internal/", StringComparison.Ordinal);

    public string JournalName => Kind == ScriptKind.Migration ? Path : $"{Path}#{Hash(Contents)}";

    public SqlScript ToSqlScript() =>
        new(JournalName, Contents, new SqlScriptOptions { RunGroupOrder = (int)Kind });

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
        var list = new List<CatalogScript>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("db/", StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var path = name["db/".Length..].Replace('\\', '/');
            var folder = path.Split('/')[0];
            if (!Folders.TryGetValue(folder, out var kind))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new CatalogScript(path, kind, reader.ReadToEnd()));
        }
        return list.OrderBy(s => s.Kind).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
    }
}
