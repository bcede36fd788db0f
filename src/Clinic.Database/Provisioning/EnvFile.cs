using System.Text;
using MySqlConnector;

namespace Clinic.Database.Provisioning;

/// <summary>
/// The settings file <c>clinic-db provision --write-env FILE</c> writes: NAME='value' lines that
/// <c>set -a; . FILE; set +a</c> (bash, sh) reads back exactly, whatever the value holds.
/// The file holds passwords, so it is only ever readable by its owner: it is written to a new file
/// created with mode 0600 from the start (O_CREAT|O_EXCL, never through an existing path or symbolic
/// link), then renamed over FILE, so an existing FILE is replaced, never written through (a FIFO or a
/// hard link elsewhere keeps its old content). FILE may not be a symbolic link or a directory.
/// </summary>
public static class EnvFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A value in single quotes for the shell; an embedded ' becomes '\'' (close, escaped quote, reopen).</summary>
    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Line(string name, string value)
    {
        if (name.Length == 0 || !name.All(c => c == '_' || char.IsAsciiLetterOrDigit(c)) || char.IsAsciiDigit(name[0]))
            throw new ArgumentException($"'{name}' is not a shell variable name.", nameof(name));
        return $"{name}={ShellQuote(value)}";
    }

    /// <summary>Writes the variables to <paramref name="path"/> (replacing a regular file that is there).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, string>> variables)
    {
        var full = CheckTarget(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,          // O_CREAT | O_EXCL: never an existing file, never through a link
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly; // the file is 0600 from the moment it exists
        var created = false;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                created = true;
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                foreach (var (name, value) in variables)
                    writer.WriteLine(Line(name, value));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            // rename(2) replaces the name FILE itself: a link or file that appeared there meanwhile is
            // replaced, never followed.
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            if (created)
                File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Refuses a target that is a symbolic link, a directory or in a missing folder (before anything is
    /// provisioned, so no generated password is lost); returns the full path.
    /// </summary>
    public static string CheckTarget(string path)
    {
        var full = Path.GetFullPath(path);
        if (new FileInfo(full).LinkTarget is not null)
            throw new IOException($"{path} is a symbolic link; refusing to write connection strings through it. Remove it or choose another file.");
        if (Directory.Exists(full))
            throw new IOException($"{path} is a directory; give a file name.");
        if (!Directory.Exists(Path.GetDirectoryName(full)))
            throw new IOException($"The folder of {path} does not exist.");
        return full;
    }

    /// <summary>A connection string with its password replaced by ***, for printing.</summary>
    public static string Masked(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
            builder.Password = "***";
        return builder.ConnectionString;
    }
}
