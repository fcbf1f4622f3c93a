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
public sealed class ResultFiles(Scenario scenario, RunPlan plan, string directory, IReadOnlyList<string> columns, IReadOnlyList<string> metrics, Func<RunSpec, string> partPath)
{
    /// <summary>File names, fixed: scripts depend on them.</summary>
    public const string TimeSeriesFile = "timeseries.csv", SummaryFile = "summary.csv", ManifestFile = "manifest.json";

    private int SweepCount => scenario.Sweep?.Parameters.Count ?? 0;

    /// <summary>Concatenates the parts, in canonical order, under one header.</summary>
    public string WriteTimeSeries()
    {
        string path = Path.Combine(directory, TimeSeriesFile);
        AtomicFile.Write(path, w =>
        {
            w.Write(string.Join(',', columns.Select(Csv.Text)));
            w.Write('\n');
            foreach (RunSpec run in plan.Runs)
            {
                using var reader = new StreamReader(partPath(run), Encoding.UTF8);
                char[] buffer = new char[1 << 16];
                int n;
                while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) w.Write(buffer, 0, n);
            }
        });
        return path;
    }

    /// <summary>Final-tick estimates: one per strategy (and sweep point) and metric, over replications.</summary>
    public IReadOnlyList<SummaryRow> Summarise()
    {
        int first = 4 + SweepCount;
        var finals = new Dictionary<(int Point, int Strategy), List<double[]>>();
        foreach (RunSpec run in plan.Runs)
        {
            string? last = File.ReadLines(partPath(run)).LastOrDefault();
            if (last is null) continue;
            List<string> fields = Csv.Split(last);
            double[] values = fields.Skip(first).Select(Csv.Parse).ToArray();
            if (!finals.TryGetValue((run.Point, run.Strategy), out var list)) finals[(run.Point, run.Strategy)] = list = [];
            list.Add(values);
        }
        var rows = new List<SummaryRow>();
        for (int p = 0; p < scenario.PointCount; p++)
        {
            IReadOnlyList<double> sweep = scenario.Sweep?.Points[p] ?? [];
            for (int s = 0; s < scenario.Strategies.Count; s++)
            {
                if (!finals.TryGetValue((p, s), out var list)) continue;
                for (int m = 0; m < metrics.Count; m++)
                    rows.Add(new SummaryRow(scenario.Strategies[s].Name, sweep, metrics[m], Estimate.Of(list.Select(v => v[m]))));
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
            var header = new List<string> { "strategy" };
            header.AddRange(scenario.Sweep?.Parameters.Select(p => p.Path) ?? []);
            header.AddRange(["metric", "mean", "sd", "ci95_low", "ci95_high", "n"]);
            w.Write(string.Join(',', header.Select(Csv.Text)));
            w.Write('\n');
            foreach (SummaryRow r in rows)
            {
                var fields = new List<string> { Csv.Text(r.Strategy) };
                fields.AddRange(r.SweepValues.Select(Csv.Number));
                fields.AddRange([r.Metric, Csv.Number(r.Estimate.Mean), Csv.Number(r.Estimate.Sd), Csv.Number(r.Estimate.Low), Csv.Number(r.Estimate.High), r.Estimate.N.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                w.Write(string.Join(',', fields));
                w.Write('\n');
            }
        });
        return path;
    }

    /// <summary>manifest.json: what was run, with what, by which version, and every run's seed.</summary>
    public string WriteManifest(DateTimeOffset started, DateTimeOffset ended, int threads, int resumed)
    {
        string path = Path.Combine(directory, ManifestFile);
        AtomicFile.Write(path, w => w.Write(ManifestJson(started, ended, threads, resumed)));
        return path;
    }

    private string ManifestJson(DateTimeOffset started, DateTimeOffset ended, int threads, int resumed)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartObject();
            j.WriteString("tool", "coprodsim");
            j.WriteString("version", ToolVersion.Version);
            j.WriteString("commit", ToolVersion.Commit);
            j.WriteString("scenario_name", scenario.Name);
            j.WriteString("scenario_description", scenario.Description);
            j.WriteString("scenario_file", scenario.SourcePath);
            j.WriteString("scenario_sha256", scenario.SourceHash);
            j.WriteStartArray("overrides");
            foreach (string o in scenario.Overrides) j.WriteStringValue(o);
            j.WriteEndArray();
            j.WriteNumber("seed", scenario.Seed);
            j.WriteNumber("replications", scenario.Replications);
            j.WriteNumber("threads", threads);
            j.WriteString("started", started.ToString("O"));
            j.WriteString("ended", ended.ToString("O"));
            j.WriteNumber("runs", plan.Runs.Count);
            j.WriteNumber("runs_resumed", resumed);
            j.WritePropertyName("parameters");
            ManifestParameters.Write(j, scenario);
            if (scenario.Sweep is { } sweep)
            {
                j.WriteStartObject("sweep");
                j.WriteString("method", sweep.Method == SweepMethod.Grid ? "grid" : "latin-hypercube");
                j.WriteStartArray("parameters");
                foreach (SweepParameter p in sweep.Parameters) j.WriteStringValue(p.Path);
                j.WriteEndArray();
                j.WriteStartArray("points");
                foreach (var point in sweep.Points)
                {
                    j.WriteStartArray();
                    foreach (double v in point) j.WriteNumberValue(v);
                    j.WriteEndArray();
                }
                j.WriteEndArray();
                j.WriteEndObject();
            }
            j.WriteStartArray("run_seeds");
            foreach (RunSpec run in plan.Runs)
            {
                j.WriteStartObject();
                j.WriteString("strategy", scenario.Strategies[run.Strategy].Name);
                j.WriteNumber("replication", run.Replication);
                if (scenario.Sweep is not null) j.WriteNumber("point", run.Point);
                j.WriteNumber("seed", run.Seed);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("files");
            foreach (string f in new[] { TimeSeriesFile, SummaryFile, ManifestFile }) j.WriteStringValue(f);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
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
