using System.Reflection;
using System.Text;
using System.Text.Json;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Output;

/// <summary>The tool's version and the commit it was built from, as every output records them.</summary>
public static class ToolVersion
{
    private static readonly string Informational =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Semantic version, e.g. 0.1.0.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>Git commit (short), or "unknown".</summary>
    public static string Commit => Informational.Contains('+', StringComparison.Ordinal) ? Informational.Split('+', 2)[1] : "unknown";

    /// <summary>"0.1.0+commit".</summary>
    public static string Text => $"{Version}+{Commit}";
}

/// <summary>One line of summary.csv: a strategy (at a sweep point) and a metric at the final tick, over replications.</summary>
public sealed record SummaryRow(string Strategy, IReadOnlyList<double> SweepValues, string Metric, Estimate Estimate);

/// <summary>Writes timeseries.csv, summary.csv and manifest.json from the runs' part files.</summary>
public sealed class ResultFiles(Experiment experiment, string directory, TimeSeriesLayout layout, Func<RunSpec, string> partPath)
{
    /// <summary>File names, fixed: scripts depend on them.</summary>
    public const string TimeSeriesFile = "timeseries.csv", SummaryFile = "summary.csv", ManifestFile = "manifest.json";

    private RunPlan Plan => experiment.Plan;

    /// <summary>Concatenates the parts, in canonical order, under one header.</summary>
    public string WriteTimeSeries()
    {
        string path = Path.Combine(directory, TimeSeriesFile);
        AtomicFile.Write(path, w =>
        {
            w.Write(layout.Header);
            w.Write('\n');
            char[] buffer = new char[1 << 16];
            foreach (RunSpec run in Plan.Runs)
            {
                using var reader = new StreamReader(partPath(run), Encoding.UTF8);
                int n;
                while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) w.Write(buffer, 0, n);
            }
        });
        return path;
    }

    /// <summary>timeseries.parquet: the rows of timeseries.csv with typed columns, streamed from the parts.</summary>
    public string WriteTimeSeriesParquet() =>
        ParquetTables.WriteTimeSeries(directory, layout, Plan, experiment.Manifest.Sweep?.Points ?? [], partPath);

    /// <summary>summary.parquet: the rows of summary.csv with typed columns.</summary>
    public string WriteSummaryParquet(IReadOnlyList<SummaryRow> rows) => ParquetTables.WriteSummary(directory, layout.SweepPaths, rows);

    /// <summary>
    /// Final-tick estimates: one per strategy (and sweep point) and metric, over replications, accumulated in the
    /// plan's order so the numbers do not depend on the order runs finished in.
    /// </summary>
    public IReadOnlyList<SummaryRow> Summarise()
    {
        int first = layout.FirstMetric, metrics = layout.Metrics.Count;
        var finals = new Dictionary<(int Point, int Strategy), SampleAccumulator[]>();
        foreach (RunSpec run in Plan.Runs)
        {
            string? last = File.ReadLines(partPath(run)).LastOrDefault();
            if (last is null) continue;
            List<string> fields = Csv.Split(last);
            if (!finals.TryGetValue((run.Point, run.Strategy), out var sample)) finals[(run.Point, run.Strategy)] = sample = new SampleAccumulator[metrics];
            for (int m = 0; m < metrics; m++) sample[m].Add(Csv.Parse(fields[first + m]));
        }
        var rows = new List<SummaryRow>();
        ManifestSweep? sweep = experiment.Manifest.Sweep;
        int points = sweep?.Points.Count ?? 1;
        for (int p = 0; p < points; p++)
        {
            IReadOnlyList<double> values = sweep?.Points[p] ?? [];
            for (int s = 0; s < Plan.Strategies.Count; s++)
            {
                if (!finals.TryGetValue((p, s), out var sample)) continue;
                for (int m = 0; m < metrics; m++)
                    rows.Add(new SummaryRow(Plan.Strategies[s], values, layout.Metrics[m], sample[m].Estimate));
            }
        }
        return rows;
    }

    /// <summary>summary.csv: strategy, swept parameters, metric, mean, sd, ci95_low, ci95_high, n.</summary>
    public string WriteSummary(IReadOnlyList<SummaryRow> rows)
    {
        string path = Path.Combine(directory, SummaryFile);
        AtomicFile.Write(path, w =>
        {
            string[] header = [TimeSeriesLayout.Leading[TimeSeriesLayout.Strategy], .. layout.SweepPaths, "metric", "mean", "sd", "ci95_low", "ci95_high", "n"];
            w.Write(string.Join(',', header.Select(Csv.Text)));
            w.Write('\n');
            foreach (SummaryRow r in rows)
            {
                var fields = new List<string> { Csv.Text(r.Strategy) };
                fields.AddRange(r.SweepValues.Select((v, k) => Designs.SweepValue.Format(layout.SweepPaths[k], v)));
                fields.AddRange([r.Metric, Csv.Number(r.Estimate.Mean), Csv.Number(r.Estimate.Sd), Csv.Number(r.Estimate.Low), Csv.Number(r.Estimate.High), r.Estimate.N.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                w.Write(string.Join(',', fields));
                w.Write('\n');
            }
        });
        return path;
    }

    /// <summary>File name of the differences from the baseline.</summary>
    public const string DifferencesFile = "differences.csv";

    /// <summary>
    /// differences.csv: each strategy's difference from the baseline at the final month, per sweep point and metric,
    /// paired by replication (replication r of both ran with the same seed): the mean difference, its sd and
    /// Student's t 95% interval over the n pairs.
    /// </summary>
    public string WriteDifferences()
    {
        string baseline = experiment.Manifest.Baseline!;
        int b = Plan.Strategies.ToList().IndexOf(baseline);
        int first = layout.FirstMetric, metrics = layout.Metrics.Count;
        var finals = new Dictionary<(int Point, int Strategy, int Replication), double[]>();
        foreach (RunSpec run in Plan.Runs)
        {
            string? last = File.ReadLines(partPath(run)).LastOrDefault();
            if (last is null) continue;
            List<string> fields = Csv.Split(last);
            finals[(run.Point, run.Strategy, run.Replication)] = Enumerable.Range(0, metrics).Select(m => Csv.Parse(fields[first + m])).ToArray();
        }
        ManifestSweep? sweep = experiment.Manifest.Sweep;
        int points = sweep?.Points.Count ?? 1, replications = experiment.Manifest.Replications;
        string path = Path.Combine(directory, DifferencesFile);
        AtomicFile.Write(path, w =>
        {
            string[] header = ["strategy", .. layout.SweepPaths, "metric", "baseline", "mean_difference", "sd", "ci95_low", "ci95_high", "n"];
            w.Write(string.Join(',', header.Select(Csv.Text)));
            w.Write('\n');
            for (int p = 0; p < points; p++)
            {
                for (int s = 0; s < Plan.Strategies.Count; s++)
                {
                    if (s == b) continue;
                    for (int m = 0; m < metrics; m++)
                    {
                        var d = default(SampleAccumulator);
                        for (int r = 0; r < replications; r++)
                            if (finals.TryGetValue((p, s, r), out double[]? x) && finals.TryGetValue((p, b, r), out double[]? y)) d.Add(x[m] - y[m]);
                        Estimate e = d.Estimate;
                        var fields = new List<string> { Csv.Text(Plan.Strategies[s]) };
                        fields.AddRange((sweep?.Points[p] ?? []).Select((v, k) => Designs.SweepValue.Format(layout.SweepPaths[k], v)));
                        fields.AddRange([layout.Metrics[m], Csv.Text(baseline), Csv.Number(e.Mean), Csv.Number(e.Sd), Csv.Number(e.Low), Csv.Number(e.High), e.N.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                        w.Write(string.Join(',', fields));
                        w.Write('\n');
                    }
                }
            }
        });
        return path;
    }

    /// <summary>Reads differences.csv: per strategy, sweep point values (stored values, names read back) and metric, the paired estimate.</summary>
    public static IReadOnlyList<SummaryRow> ReadDifferences(string path, IReadOnlyList<string> sweepPaths)
    {
        int sweepColumns = sweepPaths.Count;
        var rows = new List<SummaryRow>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            List<string> f = Csv.Split(line);
            int at = 1 + sweepColumns;
            rows.Add(new SummaryRow(f[0], f.Skip(1).Take(sweepColumns).Select((v, k) => Designs.SweepValue.Parse(sweepPaths[k], v)).ToArray(), f[at],
                new Estimate(Csv.Parse(f[at + 2]), Csv.Parse(f[at + 3]), Csv.Parse(f[at + 4]), Csv.Parse(f[at + 5]), int.Parse(f[at + 6], System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    /// <summary>sensitivity.csv (and for a sobol sweep sensitivity_convergence.csv), from the runs' part files; returns the paths written.</summary>
    public IReadOnlyList<string> WriteSensitivity()
    {
        RunManifest manifest = Manifest(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, 0);
        IEnumerable<string> lines = Plan.Runs.SelectMany(r => File.ReadLines(partPath(r)));
        var (rows, convergence) = Sensitivity.SensitivityTable.ComputeWithConvergence(manifest, layout, lines);
        var paths = new List<string> { Sensitivity.SensitivityTable.Write(directory, rows) };
        if (manifest.Sweep?.Method == SweepMethod.Sobol) paths.Add(Sensitivity.SensitivityTable.WriteConvergence(directory, convergence));
        return paths;
    }

    /// <summary>
    /// manifest.json: the experiment's description, with this run's threads, times and every run's seed, the
    /// results' generation and the size and SHA-256 of every data file already written to the folder.
    /// </summary>
    public string WriteManifest(DateTimeOffset started, DateTimeOffset ended, int threads, int resumed, string? generation = null, string? fingerprint = null)
    {
        string path = Path.Combine(directory, ManifestFile);
        RunManifest m = Manifest(started, ended, threads, resumed);
        var sums = new Dictionary<string, FileChecksum>();
        foreach (string name in m.Files)
        {
            string file = Path.Combine(directory, name);
            if (name != ManifestFile && File.Exists(file)) sums[name] = FileChecksum.Of(file);
        }
        (generation is null ? m : m with { Generation = generation, PlanFingerprint = fingerprint, Checksums = sums }).Write(path);
        return path;
    }

    /// <summary>The time series and summary files of the formats asked for (CSV only by default).</summary>
    private IEnumerable<string> Tables()
    {
        OutputSpec o = experiment.Outputs;
        if (o.Csv) yield return TimeSeriesFile;
        if (o.Parquet) yield return ParquetTables.TimeSeriesFile;
        if (o.Csv) yield return SummaryFile;
        if (o.Parquet) yield return ParquetTables.SummaryFile;
    }

    /// <summary>The manifest of the finished experiment.</summary>
    public RunManifest Manifest(DateTimeOffset started, DateTimeOffset ended, int threads, int resumed)
    {
        bool swept = experiment.Manifest.Sweep is not null;
        var seeds = new List<ManifestRun>(Plan.Runs.Count);
        foreach (RunSpec run in Plan.Runs)
            seeds.Add(new ManifestRun { Strategy = Plan.Strategies[run.Strategy], Replication = run.Replication, Point = swept ? run.Point : null, Seed = run.Seed });
        return experiment.Manifest with
        {
            Threads = threads,
            Started = started.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            Ended = ended.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            Runs = Plan.Runs.Count,
            RunsResumed = resumed,
            RunSeeds = seeds,
            Files = [.. Tables(), ManifestFile, .. experiment.Manifest.Sweep is { Analysed: true } ? [Sensitivity.SensitivityTable.FileName] : Array.Empty<string>(),
                .. experiment.Manifest.Sweep?.Method == SweepMethod.Sobol ? [Sensitivity.SensitivityTable.ConvergenceFileName] : Array.Empty<string>(), .. experiment.Manifest.Baseline is null ? Array.Empty<string>() : [DifferencesFile]],
        };
    }
}

/// <summary>The fully resolved parameters of a scenario as JSON, section by section, from the parameter table.</summary>
public static class ManifestParameters
{
    /// <summary>Writes the parameters object.</summary>
    public static void Write(Utf8JsonWriter j, Scenario scenario)
    {
        ModelParameters m = scenario.Model;
        j.WriteStartObject();
        Values(j, m.Run);
        Section(j, "population", m.Population);
        Section(j, "behaviour", m.Behaviour);
        j.WriteStartObject("domains");
        foreach (Domain d in m.Domains) Section(j, d.Name, d.Values);
        j.WriteEndObject();
        j.WriteStartObject("public_bodies");
        foreach (PublicBody b in m.PublicBodies)
        {
            j.WriteStartObject(b.Name);
            j.WriteStartArray("domains");
            foreach (string d in b.Domains.Count > 0 ? b.Domains : m.Domains.Select(x => x.Name)) j.WriteStringValue(d);
            j.WriteEndArray();
            Values(j, b.Values);
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteStartObject("strategies");
        foreach (StrategySpec st in scenario.Strategies)
        {
            j.WriteStartObject(st.Name);
            if (st.Preset is not null) j.WriteString("preset", st.Preset);
            Values(j, st.Levers);
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteEndObject();
    }

    private static void Section(Utf8JsonWriter j, string name, ParameterValues values)
    {
        j.WriteStartObject(name);
        Values(j, values);
        j.WriteEndObject();
    }

    /// <summary>Every parameter of a section: numbers as JSON numbers, choices as their names.</summary>
    private static void Values(Utf8JsonWriter j, ParameterValues values)
    {
        foreach (Parameter p in values.Section.Parameters)
        {
            double stored = values.Stored(p);
            switch (p.Kind)
            {
                case ParameterKind.Integer: j.WriteNumber(p.Name, (long)stored); break;
                case ParameterKind.Real: j.WriteNumber(p.Name, stored); break;
                default: j.WriteString(p.Name, p.Format(stored)); break;
            }
        }
    }
}
