using System.Globalization;
using System.Text;

namespace CoProdSim.Experiments.Output;

/// <summary>
/// Writes a file under a temporary name in the same folder and renames it into place, so a reader never sees half a
/// file and a crash never leaves a truncated result where a good one was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/>, then renames into <paramref name="path"/>.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        string temp = TempName(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                write(writer);
                writer.Flush();
                Fault.At("write:" + Path.GetFileName(path));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes bytes through <paramref name="write"/> (which may be asynchronous), then renames into <paramref name="path"/>.</summary>
    public static void WriteBinary(string path, Func<Stream, Task> write)
    {
        string temp = TempName(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream).GetAwaiter().GetResult();
                Fault.At("write:" + Path.GetFileName(path));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, w => w.Write(text));

    /// <summary>A temporary name beside <paramref name="path"/>, unique to this process.</summary>
    public static string TempName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Deletes a file, ignoring a failure.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>CSV formatting for tidy data: invariant culture, shortest round-trip numbers, NA for missing.</summary>
public static class Csv
{
    /// <summary>A number as CSV text: round-trip ("R") so the same double always gives the same bytes; NaN as NA (read as missing by R and pandas).</summary>
    public static string Number(double x) => double.IsNaN(x) ? "NA" : double.IsPositiveInfinity(x) ? "Inf" : double.IsNegativeInfinity(x) ? "-Inf" : x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a text field when it needs it (RFC 4180).</summary>
    public static string Text(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Parses a number written by <see cref="Number"/>.</summary>
    public static double Parse(string s) => s switch
    {
        "NA" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Splits one CSV line (fields may be quoted).</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
