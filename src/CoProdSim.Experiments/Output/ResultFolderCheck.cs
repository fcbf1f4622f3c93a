using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CoProdSim.Experiments.Output;

/// <summary>A results folder that cannot be read: which file, which line (0 when none), and what is wrong, in words.</summary>
public sealed class ResultFolderException : Exception
{
    /// <summary>A problem in <paramref name="file"/> at <paramref name="line"/> (0: the file as a whole).</summary>
    public ResultFolderException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: error: {problem}" : $"{file}: error: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>Required by convention.</summary>
    public ResultFolderException() : this("", 0, "") { }

    /// <summary>Required by convention.</summary>
    public ResultFolderException(string message) : this("", 0, message) { }

    /// <summary>Required by convention.</summary>
    public ResultFolderException(string message, Exception inner) : base(message, inner)
    {
        File = "";
        Problem = message;
    }

    /// <summary>The file (or folder) at fault.</summary>
    public string File { get; }

    /// <summary>The line, from 1; 0 when the problem is not on one line.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }
}

/// <summary>
/// Checks a results folder before the report reads it: manifest.json present, parseable and consistent;
/// timeseries.csv present, with the header the manifest's layout gives, every row complete and in the order the
/// runner writes (strategy, replication, seed, tick and sweep values as the manifest says), every number a number,
/// and the file not cut short. Reads the file once, line by line, in bounded memory; no number read from a file is
/// used to size anything before it is checked against the manifest.
/// </summary>
public static class ResultFolderCheck
{
    /// <summary>Largest manifest read (256 MiB: a million runs' seeds fit in about 100 MiB).</summary>
    public const int MaxManifestBytes = 256 * 1024 * 1024;

    /// <summary>Longest line of timeseries.csv read (1 MiB: a row is a few kilobytes).</summary>
    public const int MaxLineChars = 1024 * 1024;

    private const string Rerun = "run the scenario again to rebuild the folder";

    /// <summary>Checks <paramref name="directory"/>; returns its manifest.</summary>
    /// <exception cref="ResultFolderException">naming the file, the line and what is wrong.</exception>
    public static RunManifest Check(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ResultFolderException("''", 0, "no folder given: name the output folder of an earlier 'coprodsim run', e.g. results/compare-strategies");
        if (System.IO.File.Exists(directory)) throw new ResultFolderException(directory, 0, "is a file, not a results folder: name the folder that holds manifest.json and timeseries.csv");
        if (!Directory.Exists(directory)) throw new ResultFolderException(directory, 0, "folder not found: name the output folder of an earlier 'coprodsim run', which holds manifest.json and timeseries.csv");
        if (ResultFolder.ReadJournal(directory) is { } journal)
        {
            string scenario = journal.ScenarioFile.Length > 0 ? journal.ScenarioFile : "SCENARIO";
            throw new ResultFolderException(Path.Combine(directory, ResultFolder.JournalFile), 0,
                $"the folder is incomplete: a run (pid {journal.Pid.ToString(CultureInfo.InvariantCulture)}, started {journal.Started}) was replacing its results with new ones (generation {journal.Generation}) and did not finish; "
                + $"finish it with 'coprodsim run {scenario} --out {directory} --resume', or start afresh with --force");
        }
        string mf = Path.Combine(directory, ResultFiles.ManifestFile), ts = Path.Combine(directory, ResultFiles.TimeSeriesFile);
        if (!System.IO.File.Exists(mf)) throw new ResultFolderException(mf, 0, $"not found: is {directory} a folder written by 'coprodsim run'? (an interrupted run has none: finish it with --resume)");
        RunManifest manifest = ReadManifest(mf);
        if (!System.IO.File.Exists(ts))
            throw new ResultFolderException(ts, 0, "not found: the report is drawn from it (was it turned off with outputs: {timeseries: false}?); " + Rerun);
        CheckTimeSeries(ts, manifest);
        return manifest;
    }

    /// <summary>
    /// Checks that the header of the folder's timeseries.csv (already checked by <see cref="Check"/>) has every
    /// column in <paramref name="metrics"/>: the report's charts need them.
    /// </summary>
    /// <exception cref="ResultFolderException">naming the first missing column.</exception>
    public static void RequireMetrics(string directory, IReadOnlyList<string> metrics)
    {
        string ts = Path.Combine(directory, ResultFiles.TimeSeriesFile);
        using var reader = new StreamReader(ts);
        var header = new StringBuilder();
        ReadLine(reader, header, ts, 1);
        List<string> columns = Csv.Split(header.ToString());
        string? missing = metrics.FirstOrDefault(c => !columns.Contains(c));
        if (missing is not null) throw new ResultFolderException(ts, 1, $"the header lacks the metric column '{missing}', which the report draws; " + Rerun);
    }

    private static RunManifest ReadManifest(string path)
    {
        long length = new FileInfo(path).Length;
        if (length == 0) throw new ResultFolderException(path, 0, "is empty (the run was cut off while writing it?); " + Rerun);
        if (length > MaxManifestBytes) throw new ResultFolderException(path, 0, string.Create(CultureInfo.InvariantCulture, $"is {length:N0} bytes, more than any run writes ({MaxManifestBytes:N0}): is this the right folder?"));
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(System.IO.File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new ResultFolderException(path, 0, "is not UTF-8 text (garbled?); " + Rerun);
        }
        RunManifest? m;
        try
        {
            m = JsonSerializer.Deserialize<RunManifest>(text, RunManifest.Options);
        }
        catch (JsonException ex)
        {
            int line = (int)Math.Min(int.MaxValue - 1, (ex.LineNumber ?? -1) + 1);
            string where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {Shorten(ex.Path)}";
            throw new ResultFolderException(path, line, $"is not a manifest as 'coprodsim run' writes it: the JSON is malformed, truncated or holds a value of the wrong kind{where}; " + Rerun);
        }
        catch (NotSupportedException)
        {
            throw new ResultFolderException(path, 0, "is not a manifest as 'coprodsim run' writes it; " + Rerun);
        }
        if (m is null) throw new ResultFolderException(path, 1, "holds null, not a manifest; " + Rerun);
        string? Bad()
        {
            if (m.Tool != "coprodsim") return "'tool' is not \"coprodsim\"";
            if (string.IsNullOrEmpty(m.ScenarioName)) return "'scenario_name' is missing";
            if (m.Horizon is < 1 or > 100_000) return $"'horizon' is {m.Horizon}; allowed: 1 to 100000";
            if (m.Replications is < 1 or > 100_000) return $"'replications' is {m.Replications}; allowed: 1 to 100000";
            if (m.RunSeeds is null || m.RunSeeds.Count == 0) return "'run_seeds' is missing or empty";
            if (m.Runs != m.RunSeeds.Count) return $"'runs' is {m.Runs} but 'run_seeds' lists {m.RunSeeds.Count}";
            if (m.Overrides is null || m.Files is null || m.ScenarioDescription is null || m.Version is null || m.Commit is null) return "a field is null";
            if (m.Sweep is { } sweep)
            {
                if (sweep.Parameters is null || sweep.Points is null || sweep.Budget is null) return "'sweep' lacks parameters, points or budget";
                if (sweep.Parameters.Count == 0 || sweep.Parameters.Any(p => string.IsNullOrEmpty(p) || p.Length > 200) || sweep.Parameters.Distinct().Count() != sweep.Parameters.Count) return "'sweep.parameters' must be distinct paths of 1 to 200 characters";
                if (sweep.Points.Count == 0 || sweep.Points.Any(p => p is null || p.Count != sweep.Parameters.Count)) return "every point in 'sweep.points' must have one value per swept parameter";
                if (sweep.Budget.Count != sweep.Parameters.Count) return "'sweep.budget' must have one entry per swept parameter";
            }
            int points = m.Sweep?.Points.Count ?? 1;
            var strategies = new List<string>();
            for (int i = 0; i < m.RunSeeds.Count; i++)
            {
                ManifestRun? r = m.RunSeeds[i];
                if (r is null || string.IsNullOrEmpty(r.Strategy)) return $"run_seeds[{i}] has no strategy";
                if (r.Replication < 0 || r.Replication >= m.Replications) return $"run_seeds[{i}] has replication {r.Replication}; allowed: 0 to {m.Replications - 1}";
                if ((r.Point ?? 0) < 0 || (r.Point ?? 0) >= points) return $"run_seeds[{i}] has point {r.Point}; the sweep has {points}";
                if (!strategies.Contains(r.Strategy)) strategies.Add(r.Strategy);
            }
            if ((long)points * strategies.Count * m.Replications != m.RunSeeds.Count)
                return $"'run_seeds' lists {m.RunSeeds.Count} runs, not {points} points x {strategies.Count} strategies x {m.Replications} replications";
            return null;
        }
        if (Bad() is { } problem) throw new ResultFolderException(path, 0, $"is not a manifest as 'coprodsim run' writes it: {problem}; " + Rerun);
        return m;
    }

    private static void CheckTimeSeries(string path, RunManifest m)
    {
        var layout = new TimeSeriesLayout(m.SweepPaths, []);
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, 1 << 16);
        var line = new StringBuilder();
        int number = 0;
        List<string>? header = null;
        int fields = 0, firstMetric = layout.FirstMetric;
        // Rows come in the runner's order: each run's ticks 0..horizon, runs in the order of run_seeds.
        int run = 0, tick = 0;
        int rows = 0;
        var strategies = m.RunSeeds.Select(x => x.Strategy).ToHashSet();
        long expected = (long)m.RunSeeds.Count * (m.Horizon + 1);
        try
        {
            while (true)
            {
                bool ended = ReadLine(reader, line, path, number + 1);
                if (!ended && line.Length == 0) break;
                number++;
                if (!ended) throw new ResultFolderException(path, number, "the last line is cut short (no line end): the file is truncated; " + Rerun);
                string text = line.ToString();
                if (header is null)
                {
                    header = Csv.Split(text);
                    try
                    {
                        layout = TimeSeriesLayout.Read(header, m.SweepPaths);
                    }
                    catch (InvalidDataException)
                    {
                        throw new ResultFolderException(path, 1, $"the header does not match manifest.json: it should start with {Shorten(string.Join(',', layout.Columns))}, found {Shorten(text)}; " + Rerun);
                    }
                    if (header.Distinct().Count() != header.Count) throw new ResultFolderException(path, 1, "the header names a column twice; " + Rerun);
                    fields = header.Count;
                    continue;
                }
                List<string> f = Csv.Split(text);
                if (f.Count != fields) throw new ResultFolderException(path, number, $"has {f.Count} fields; the header has {fields}; " + Rerun);
                if (rows >= expected) throw new ResultFolderException(path, number, $"is one row more than the manifest's {m.RunSeeds.Count} runs of {m.Horizon + 1} months ({expected} rows); " + Rerun);
                CheckRow(path, number, f, m, strategies, layout, run, tick, firstMetric);
                rows++;
                if (++tick > m.Horizon) { tick = 0; run++; }
            }
        }
        catch (DecoderFallbackException)
        {
            throw new ResultFolderException(path, number + 1, "is not UTF-8 text here (garbled?); " + Rerun);
        }
        if (header is null) throw new ResultFolderException(path, 0, "is empty: it has no header; " + Rerun);
        if (rows < expected)
            throw new ResultFolderException(path, number, $"has {rows} rows; the manifest's {m.RunSeeds.Count} runs of {m.Horizon + 1} months make {expected}: the file is incomplete (truncated?); " + Rerun);
    }

    private static void CheckRow(string path, int number, List<string> f, RunManifest m, HashSet<string> strategies, TimeSeriesLayout layout, int run, int tick, int firstMetric)
    {
        ManifestRun r = m.RunSeeds[run];
        string strategy = f[TimeSeriesLayout.Strategy];
        if (!strategies.Contains(strategy))
            throw new ResultFolderException(path, number, $"strategy '{Shorten(strategy)}' is not one of the manifest's ({string.Join(", ", strategies)}); " + Rerun);
        if (!int.TryParse(f[TimeSeriesLayout.Replication], NumberStyles.None, CultureInfo.InvariantCulture, out int replication) || replication >= m.Replications)
            throw new ResultFolderException(path, number, $"replication '{Shorten(f[TimeSeriesLayout.Replication])}' is not a whole number from 0 to {m.Replications - 1} (the manifest has {m.Replications} replications); " + Rerun);
        if (!ulong.TryParse(f[TimeSeriesLayout.Seed], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
            throw new ResultFolderException(path, number, $"seed '{Shorten(f[TimeSeriesLayout.Seed])}' is not a whole number; " + Rerun);
        if (!long.TryParse(f[TimeSeriesLayout.Tick], NumberStyles.None, CultureInfo.InvariantCulture, out long t) || t > m.Horizon)
            throw new ResultFolderException(path, number, $"tick '{Shorten(f[TimeSeriesLayout.Tick])}' is not a whole number from 0 to {m.Horizon} (the horizon); " + Rerun);
        if (strategy != r.Strategy || replication != r.Replication || t != tick || seed != r.Seed)
            throw new ResultFolderException(path, number, $"expected strategy '{r.Strategy}', replication {r.Replication}, seed {r.Seed}, tick {tick} here (rows are in the order 'coprodsim run' writes them), found '{Shorten(strategy)}', {replication}, {seed}, {t}; " + Rerun);
        for (int k = 0; k < layout.SweepPaths.Count; k++)
        {
            string cell = f[TimeSeriesLayout.FirstSweep + k];
            double expected = m.Sweep!.Points[r.Point ?? 0][k];
            // The run writes a parameter that takes names as its name, any other as its number.
            string written = Designs.SweepValue.Format(layout.SweepPaths[k], expected);
            if (cell != written && (!TryNumber(cell, out double x) || !x.Equals(expected)))
                throw new ResultFolderException(path, number, $"{layout.SweepPaths[k]} is '{Shorten(cell)}'; the manifest's sweep point {(r.Point ?? 0) + 1} has {written}; " + Rerun);
        }
        for (int c = firstMetric; c < f.Count; c++)
        {
            if (!TryNumber(f[c], out _))
                throw new ResultFolderException(path, number, $"column {c + 1} ({layout.Columns[c]}) is '{Shorten(f[c])}', not a number (or NA); " + Rerun);
        }
    }

    /// <summary>A number as <see cref="Csv.Number"/> writes it: round-trip text, NA, Inf or -Inf.</summary>
    private static bool TryNumber(string s, out double x)
    {
        if (s is "NA" or "Inf" or "-Inf") { x = Csv.Parse(s); return true; }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out x) && double.IsFinite(x);
    }

    /// <summary>Reads one line into <paramref name="line"/>; true when it ended with a line end, false at the end of the file.</summary>
    private static bool ReadLine(StreamReader reader, StringBuilder line, string path, int number)
    {
        line.Clear();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n') return true;
            if (c == '\r')
            {
                // A line may end with \r\n; a \r alone ends a line for other readers but not here: refuse it.
                if (reader.Peek() == '\n') continue;
                throw new ResultFolderException(path, number, $"a carriage return (\\r) inside a line; 'coprodsim run' ends lines with \\n only (garbled?); {Rerun}");
            }
            if (line.Length >= MaxLineChars) throw new ResultFolderException(path, number, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {MaxLineChars:N0} characters, far longer than any row 'coprodsim run' writes (garbled?); {Rerun}"));
            line.Append((char)c);
        }
        return false;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..50] + "...";
}
