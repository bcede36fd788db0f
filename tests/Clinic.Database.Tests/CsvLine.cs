namespace Clinic.Database.Tests;

/// <summary>The tests' reader of one line of RFC 4180 CSV (quoted cells may hold commas and doubled quotes; the
/// files the tests read have no line breaks inside cells), to look at the generated files and the samples.</summary>
internal static class CsvLine
{
    public static List<string> Parse(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
