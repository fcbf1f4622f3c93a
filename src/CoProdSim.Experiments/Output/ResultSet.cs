using System.Text.Json;
using CoProdSim.Experiments.Statistics;

namespace CoProdSim.Experiments.Output;

/// <summary>Per-tick estimates of one metric for one strategy (at one sweep point), across replications.</summary>
public sealed record Band(IReadOnlyList<double> Ticks, IReadOnlyList<Estimate> Values);

/// <summary>
/// A finished run folder read back: the manifest, the swept parameters, the strategies in order, and for every
/// (sweep point, strategy, metric) the per-tick mean and 95% interval over replications. Reading streams
/// timeseries.csv once and keeps only the per-tick values of each group, so memory is bounded by
/// points x strategies x ticks x replications x metrics.
/// </summary>
public sealed class ResultSet
{
    private readonly Dictionary<(int Point, string Strategy), List<double[]>[]> _values = []; // [tick] -> per replication rows

    private ResultSet(string directory, JsonDocument manifest, IReadOnlyList<string> columns, int firstMetric, IReadOnlyList<string> sweepPaths)
    {
        Directory = directory;
        Manifest = manifest;
        Columns = columns;
        FirstMetric = firstMetric;
        SweepPaths = sweepPaths;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>manifest.json.</summary>
    public JsonDocument Manifest { get; }

    /// <summary>Columns of timeseries.csv.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Index of the first metric column.</summary>
    public int FirstMetric { get; }

    /// <summary>Swept parameter paths, in column order.</summary>
    public IReadOnlyList<string> SweepPaths { get; }

    /// <summary>Metric names.</summary>
    public IReadOnlyList<string> Metrics => Columns.Skip(FirstMetric).ToList();

    /// <summary>Strategies in the order of the scenario.</summary>
    public IReadOnlyList<string> Strategies { get; private set; } = [];

    /// <summary>Sweep points (values of <see cref="SweepPaths"/>); one empty point without a sweep.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Points { get; private set; } = [];

    /// <summary>Reads a run folder written by <c>coprodsim run</c>.</summary>
    /// <exception cref="FileNotFoundException">when the folder lacks timeseries.csv or manifest.json.</exception>
    public static ResultSet Load(string directory)
    {
        string ts = Path.Combine(directory, ResultFiles.TimeSeriesFile), mf = Path.Combine(directory, ResultFiles.ManifestFile);
        if (!File.Exists(mf)) throw new FileNotFoundException($"{directory}: no {ResultFiles.ManifestFile}: is this a folder written by 'coprodsim run'?", mf);
        if (!File.Exists(ts)) throw new FileNotFoundException($"{directory}: no {ResultFiles.TimeSeriesFile} (was it turned off in outputs:?)", ts);
        var manifest = JsonDocument.Parse(File.ReadAllText(mf));
        var sweepPaths = manifest.RootElement.TryGetProperty("sweep", out JsonElement sweep)
            ? sweep.GetProperty("parameters").EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        using var reader = new StreamReader(ts);
        List<string> columns = Csv.Split(reader.ReadLine() ?? "");
        int first = 4 + sweepPaths.Count;
        var set = new ResultSet(directory, manifest, columns, first, sweepPaths);
        var strategies = new List<string>();
        var points = new List<IReadOnlyList<double>>();
        var pointIndex = new Dictionary<string, int>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            List<string> f = Csv.Split(line);
            string strategy = f[0];
            int tick = int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
            string key = string.Join(',', f.Skip(4).Take(sweepPaths.Count));
            if (!pointIndex.TryGetValue(key, out int p))
            {
                p = pointIndex[key] = points.Count;
                points.Add(f.Skip(4).Take(sweepPaths.Count).Select(Csv.Parse).ToArray());
            }
            if (!strategies.Contains(strategy)) strategies.Add(strategy);
            if (!set._values.TryGetValue((p, strategy), out var byTick)) set._values[(p, strategy)] = byTick = [];
            if (tick >= byTick.Length)
            {
                Array.Resize(ref byTick, tick + 1);
                set._values[(p, strategy)] = byTick;
            }
            (byTick[tick] ??= []).Add(f.Skip(first).Select(Csv.Parse).ToArray());
        }
        set.Strategies = strategies;
        set.Points = points.Count > 0 ? points : [Array.Empty<double>()];
        return set;
    }

    /// <summary>Per-tick mean and 95% interval of <paramref name="metric"/>.</summary>
    public Band BandOf(string strategy, string metric, int point = 0)
    {
        int m = Metrics.ToList().IndexOf(metric);
        if (m < 0) throw new ArgumentException($"no metric '{metric}'", nameof(metric));
        if (!_values.TryGetValue((point, strategy), out var byTick)) return new Band([], []);
        var ticks = new List<double>();
        var values = new List<Estimate>();
        for (int t = 0; t < byTick.Length; t++)
        {
            if (byTick[t] is null) continue;
            ticks.Add(t);
            values.Add(Estimate.Of(byTick[t].Select(r => r[m])));
        }
        return new Band(ticks, values);
    }

    /// <summary>The estimate of <paramref name="metric"/> at the last tick.</summary>
    public Estimate Final(string strategy, string metric, int point = 0)
    {
        int m = Metrics.ToList().IndexOf(metric);
        if (m < 0) throw new ArgumentException($"no metric '{metric}'", nameof(metric));
        if (!_values.TryGetValue((point, strategy), out var byTick)) return Estimate.Of([]);
        List<double[]>? last = byTick.LastOrDefault(rows => rows is not null);
        return Estimate.Of(last is null ? [] : last.Select(r => r[m]));
    }

    /// <summary>Replications per strategy (at the first point).</summary>
    public int Replications => _values.Count == 0 ? 0 : _values.First().Value.Where(v => v is not null).Select(v => v.Count).FirstOrDefault();

    /// <summary>A string field of the manifest, or "".</summary>
    public string ManifestString(string name) => Manifest.RootElement.TryGetProperty(name, out JsonElement e) ? e.ToString() : "";
}
