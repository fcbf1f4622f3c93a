using System.Globalization;
using CoProdSim.Experiments.Statistics;

namespace CoProdSim.Experiments.Output;

/// <summary>Per-tick estimates of one metric for one strategy (at one sweep point), across replications.</summary>
public sealed record Band(IReadOnlyList<double> Ticks, IReadOnlyList<Estimate> Values);

/// <summary>
/// A finished run folder read back for the report: the typed manifest, the column layout, the strategies and sweep
/// points in order, the per-tick mean and 95% interval of every metric at the first sweep point (the time charts),
/// and the final-tick estimate of every metric at every sweep point (the headline and sweep charts).
/// <para>
/// timeseries.csv is read once, line by line, into running accumulators (<see cref="SampleAccumulator"/>), in file
/// order, so the estimates are those of <see cref="Estimate.Of"/> on the same values and memory does not grow with
/// the number of replications: it is bounded by strategies x ticks x metrics (the bands) plus sweep points x
/// strategies x metrics (the final ticks).
/// </para>
/// </summary>
public sealed class ResultSet
{
    private readonly Dictionary<string, int> _metricIndex;
    private readonly Dictionary<string, int> _strategyIndex = [];
    private readonly List<string> _strategies = [];
    private readonly List<IReadOnlyList<double>> _points = [];
    private readonly List<List<SampleAccumulator[]?>> _bands = []; // [strategy][tick] at the first point
    private readonly Dictionary<(int Point, int Strategy), FinalTick> _finals = [];

    private ResultSet(string directory, RunManifest manifest, TimeSeriesLayout layout)
    {
        Directory = directory;
        Manifest = manifest;
        Layout = layout;
        _metricIndex = new Dictionary<string, int>(layout.Metrics.Count);
        for (int m = 0; m < layout.Metrics.Count; m++) _metricIndex[layout.Metrics[m]] = m;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>manifest.json.</summary>
    public RunManifest Manifest { get; }

    /// <summary>Columns of timeseries.csv.</summary>
    public TimeSeriesLayout Layout { get; }

    /// <summary>Swept parameter paths, in column order.</summary>
    public IReadOnlyList<string> SweepPaths => Layout.SweepPaths;

    /// <summary>Metric names.</summary>
    public IReadOnlyList<string> Metrics => Layout.Metrics;

    /// <summary>Strategies in the order of the scenario.</summary>
    public IReadOnlyList<string> Strategies => _strategies;

    /// <summary>Sweep points (values of <see cref="SweepPaths"/>), in file order; one empty point without a sweep.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Points => _points.Count > 0 ? _points : [Array.Empty<double>()];

    /// <summary>Replications per strategy: rows at the final tick of the first strategy at the first point.</summary>
    public int Replications => _finals.TryGetValue((0, 0), out FinalTick? f) ? f.Rows : 0;

    /// <summary>Reads a run folder written by <c>coprodsim run</c>.</summary>
    /// <exception cref="ResultFolderException">when the folder is not as the runner writes it (<see cref="ResultFolderCheck"/>).</exception>
    public static ResultSet Load(string directory)
    {
        RunManifest checkedManifest = ResultFolderCheck.Check(directory); // every number below has been checked against the manifest
        ResultFolder.VerifyGeneration(directory, checkedManifest); // and every data file is the one that run wrote
        string ts = Path.Combine(directory, ResultFiles.TimeSeriesFile), mf = Path.Combine(directory, ResultFiles.ManifestFile);
        if (!File.Exists(mf)) throw new FileNotFoundException($"{directory}: no {ResultFiles.ManifestFile}: is this a folder written by 'coprodsim run'?", mf);
        if (!File.Exists(ts)) throw new FileNotFoundException($"{directory}: no {ResultFiles.TimeSeriesFile} (was it turned off in outputs:?)", ts);
        RunManifest manifest = RunManifest.Read(mf);
        using var reader = new StreamReader(ts);
        TimeSeriesLayout layout = TimeSeriesLayout.Read(Csv.Split(reader.ReadLine() ?? ""), manifest.SweepPaths);
        var set = new ResultSet(directory, manifest, layout);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length > 0) set.Add(Csv.Split(line));
        }
        return set;
    }

    /// <summary>Adds one row of timeseries.csv to the accumulators.</summary>
    private void Add(List<string> f)
    {
        int first = TimeSeriesLayout.FirstSweep, sweeps = Layout.SweepPaths.Count, metrics = Layout.Metrics.Count;
        string name = f[TimeSeriesLayout.Strategy];
        if (!_strategyIndex.TryGetValue(name, out int s))
        {
            s = _strategyIndex[name] = _strategies.Count;
            _strategies.Add(name);
            _bands.Add([]);
        }
        int p = PointOf(f, first, sweeps);
        int tick = int.Parse(f[TimeSeriesLayout.Tick], CultureInfo.InvariantCulture);
        int firstMetric = Layout.FirstMetric;

        if (p == 0)
        {
            List<SampleAccumulator[]?> byTick = _bands[s];
            while (byTick.Count <= tick) byTick.Add(null);
            SampleAccumulator[] band = byTick[tick] ??= new SampleAccumulator[metrics];
            for (int m = 0; m < metrics; m++) band[m].Add(Csv.Parse(f[firstMetric + m]));
        }

        // Only the last tick is kept: a later tick starts afresh, an earlier one (the next replication's start) is skipped.
        if (!_finals.TryGetValue((p, s), out FinalTick? final) || tick > final.Tick) _finals[(p, s)] = final = new FinalTick(tick, metrics);
        if (tick < final.Tick) return;
        final.Rows++;
        for (int m = 0; m < metrics; m++) final.Values[m].Add(Csv.Parse(f[firstMetric + m]));
    }

    private int PointOf(List<string> f, int first, int sweeps)
    {
        if (sweeps == 0) return 0;
        var values = new double[sweeps];
        for (int k = 0; k < sweeps; k++) values[k] = Designs.SweepValue.Parse(Layout.SweepPaths[k], f[first + k]);
        // Points are few: a linear search, comparing exactly the numbers written.
        for (int p = 0; p < _points.Count; p++)
        {
            if (_points[p].SequenceEqual(values)) return p;
        }
        _points.Add(values);
        return _points.Count - 1;
    }

    /// <summary>Per-tick mean and 95% interval of <paramref name="metric"/> at the first sweep point.</summary>
    public Band BandOf(string strategy, string metric)
    {
        int m = MetricIndex(metric);
        if (!_strategyIndex.TryGetValue(strategy, out int s)) return new Band([], []);
        var ticks = new List<double>();
        var values = new List<Estimate>();
        List<SampleAccumulator[]?> byTick = _bands[s];
        for (int t = 0; t < byTick.Count; t++)
        {
            if (byTick[t] is not { } band) continue;
            ticks.Add(t);
            values.Add(band[m].Estimate);
        }
        return new Band(ticks, values);
    }

    /// <summary>The estimate of <paramref name="metric"/> at the last tick, at sweep point <paramref name="point"/>.</summary>
    public Estimate Final(string strategy, string metric, int point = 0)
    {
        int m = MetricIndex(metric);
        if (!_strategyIndex.TryGetValue(strategy, out int s) || !_finals.TryGetValue((point, s), out FinalTick? final)) return Estimate.Of([]);
        return final.Values[m].Estimate;
    }

    private int MetricIndex(string metric) =>
        _metricIndex.TryGetValue(metric, out int m) ? m : throw new ArgumentException($"no metric '{metric}'", nameof(metric));

    /// <summary>The rows of one strategy at one point at the latest tick seen so far.</summary>
    private sealed class FinalTick(int tick, int metrics)
    {
        public int Tick { get; } = tick;

        public int Rows { get; set; }

        public SampleAccumulator[] Values { get; } = new SampleAccumulator[metrics];
    }
}
