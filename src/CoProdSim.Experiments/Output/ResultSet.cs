using System.Globalization;
using CoProdSim.Experiments.Statistics;

namespace CoProdSim.Experiments.Output;

/// <summary>Per-tick estimates of one metric for one strategy (at one sweep point), across replications.</summary>
public sealed record Band(IReadOnlyList<double> Ticks, IReadOnlyList<Estimate> Values);

/// <summary>
/// What a <see cref="ResultSet"/> keeps beyond the final-tick estimates: the per-tick bands at the sweep points
/// <paramref name="BandPoints"/> (indices into the manifest's points; default the first), and each replication's
/// final value of the <paramref name="PairedMetrics"/> at every point, for paired differences (default none).
/// </summary>
public sealed record ResultSetOptions(IReadOnlyCollection<int>? BandPoints = null, IReadOnlyCollection<string>? PairedMetrics = null);

/// <summary>
/// A finished run folder read back for the report: the typed manifest, the column layout, the strategies and sweep
/// points in order, the per-tick mean and 95% interval of every metric at the first sweep point (the time charts),
/// and the final-tick estimate of every metric at every sweep point (the headline and sweep charts).
/// <para>
/// timeseries.csv is read once, line by line, into running accumulators (<see cref="SampleAccumulator"/>), in file
/// order, so the estimates are those of <see cref="Estimate.Of"/> on the same values and memory does not grow with
/// the number of replications: it is bounded by strategies x ticks x metrics x the points whose bands are kept
/// (<see cref="ResultSetOptions.BandPoints"/>), plus sweep points x strategies x metrics (the final ticks), plus runs x
/// the metrics kept for paired differences (<see cref="ResultSetOptions.PairedMetrics"/>, none unless asked).
/// </para>
/// </summary>
public sealed class ResultSet
{
    private readonly Dictionary<string, int> _metricIndex;
    private readonly Dictionary<string, int> _strategyIndex = [];
    private readonly List<string> _strategies = [];
    private readonly List<IReadOnlyList<double>> _points = [];
    private readonly Dictionary<(int Point, int Strategy), List<SampleAccumulator[]?>> _bands = []; // [tick] at the kept points
    private readonly Dictionary<(int Point, int Strategy), FinalTick> _finals = [];
    private readonly HashSet<int> _bandPoints;
    private readonly int[] _paired; // metric indices kept per replication
    private readonly Dictionary<(int Point, int Strategy, int Replication), (int Tick, double[] Values)> _replicationFinals = [];

    private ResultSet(string directory, RunManifest manifest, TimeSeriesLayout layout, ResultSetOptions options)
    {
        Directory = directory;
        Manifest = manifest;
        Layout = layout;
        _metricIndex = new Dictionary<string, int>(layout.Metrics.Count);
        for (int m = 0; m < layout.Metrics.Count; m++) _metricIndex[layout.Metrics[m]] = m;
        _bandPoints = [.. options.BandPoints ?? [0]];
        _paired = (options.PairedMetrics ?? []).Distinct().Where(_metricIndex.ContainsKey).Select(n => _metricIndex[n]).ToArray();
    }

    /// <summary>The sweep points whose per-tick bands were kept.</summary>
    public IReadOnlyCollection<int> BandPoints => _bandPoints;

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
    public static ResultSet Load(string directory) => Load(directory, _ => new ResultSetOptions());

    /// <summary>Reads a run folder, keeping what <paramref name="options"/> asks for, given its manifest.</summary>
    /// <exception cref="ResultFolderException">when the folder is not as the runner writes it (<see cref="ResultFolderCheck"/>).</exception>
    public static ResultSet Load(string directory, Func<RunManifest, ResultSetOptions> options)
    {
        RunManifest checkedManifest = ResultFolderCheck.Check(directory); // every number below has been checked against the manifest
        ResultFolder.VerifyGeneration(directory, checkedManifest); // and every data file is the one that run wrote
        string ts = Path.Combine(directory, ResultFiles.TimeSeriesFile), mf = Path.Combine(directory, ResultFiles.ManifestFile);
        if (!File.Exists(mf)) throw new FileNotFoundException($"{directory}: no {ResultFiles.ManifestFile}: is this a folder written by 'coprodsim run'?", mf);
        if (!File.Exists(ts)) throw new FileNotFoundException($"{directory}: no {ResultFiles.TimeSeriesFile} (was it turned off in outputs:?)", ts);
        RunManifest manifest = RunManifest.Read(mf);
        using var reader = new StreamReader(ts);
        TimeSeriesLayout layout = TimeSeriesLayout.Read(Csv.Split(reader.ReadLine() ?? ""), manifest.SweepPaths);
        var set = new ResultSet(directory, manifest, layout, options(manifest));
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
        }
        int p = PointOf(f, first, sweeps);
        int tick = int.Parse(f[TimeSeriesLayout.Tick], CultureInfo.InvariantCulture);
        int firstMetric = Layout.FirstMetric;

        if (_bandPoints.Contains(p))
        {
            if (!_bands.TryGetValue((p, s), out List<SampleAccumulator[]?>? byTick)) _bands[(p, s)] = byTick = [];
            while (byTick.Count <= tick) byTick.Add(null);
            SampleAccumulator[] band = byTick[tick] ??= new SampleAccumulator[metrics];
            for (int m = 0; m < metrics; m++) band[m].Add(Csv.Parse(f[firstMetric + m]));
        }

        if (_paired.Length > 0)
        {
            int r = int.Parse(f[TimeSeriesLayout.Replication], CultureInfo.InvariantCulture);
            if (!_replicationFinals.TryGetValue((p, s, r), out var last) || tick >= last.Tick)
                _replicationFinals[(p, s, r)] = (tick, _paired.Select(m => Csv.Parse(f[firstMetric + m])).ToArray());
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

    /// <summary>Per-tick mean and 95% interval of <paramref name="metric"/> at sweep point <paramref name="point"/> (one of <see cref="BandPoints"/>).</summary>
    public Band BandOf(string strategy, string metric, int point = 0)
    {
        int m = MetricIndex(metric);
        if (!_strategyIndex.TryGetValue(strategy, out int s) || !_bands.TryGetValue((point, s), out List<SampleAccumulator[]?>? byTick)) return new Band([], []);
        var ticks = new List<double>();
        var values = new List<Estimate>();
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

    /// <summary>
    /// The paired difference <paramref name="strategy"/> minus <paramref name="baseline"/> of <paramref name="metric"/>
    /// (one of <see cref="ResultSetOptions.PairedMetrics"/>) at the final month of sweep point <paramref name="point"/>:
    /// replication r of each ran with the same seed, so the mean over r of the differences, with Student's t interval
    /// over the pairs, in replication order: the numbers of differences.csv.
    /// </summary>
    public Estimate Paired(string strategy, string baseline, string metric, int point = 0)
    {
        int k = Array.IndexOf(_paired, MetricIndex(metric));
        if (k < 0) throw new ArgumentException($"metric '{metric}' was not kept for paired differences", nameof(metric));
        var d = default(SampleAccumulator);
        if (!_strategyIndex.TryGetValue(strategy, out int s) || !_strategyIndex.TryGetValue(baseline, out int b)) return d.Estimate;
        for (int r = 0; r < Manifest.Replications; r++)
        {
            if (_replicationFinals.TryGetValue((point, s, r), out var x) && _replicationFinals.TryGetValue((point, b, r), out var y))
                d.Add(x.Values[k] - y.Values[k]);
        }
        return d.Estimate;
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
