using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Sensitivity;

/// <summary>One line of sensitivity.csv: an index of one parameter for one strategy, metric and statistic.</summary>
public sealed record SensitivityRow(string Strategy, string Method, string Metric, string Statistic, string Parameter, string Index, IndexEstimate Estimate);

/// <summary>
/// One line of sensitivity_convergence.csv: a Sobol' index computed from the first <paramref name="NBase"/> base
/// samples of the design (a quarter, a half and all of them).
/// </summary>
public sealed record ConvergenceRow(SensitivityRow Row, int NBase);

/// <summary>
/// sensitivity.csv: Sobol' indices (S1, ST and, when the design has them, S2) or Morris measures (mu_star, mu,
/// sigma) of every swept parameter, per strategy, for each analysed metric. The response at a sweep point is the
/// mean over replications of the chosen statistic of each run's series (<see cref="ResponseStatistic"/>).
/// </summary>
public static class SensitivityTable
{
    /// <summary>File name, fixed: scripts depend on it.</summary>
    public const string FileName = "sensitivity.csv";

    /// <summary>The header of sensitivity.csv.</summary>
    public static readonly IReadOnlyList<string> Columns = ["strategy", "method", "metric", "statistic", "parameter", "index", "value", "ci95_low", "ci95_high"];

    /// <summary>File of the Sobol' indices at a quarter, a half and all of the base samples (sobol sweeps only).</summary>
    public const string ConvergenceFileName = "sensitivity_convergence.csv";

    /// <summary>The header of sensitivity_convergence.csv: that of sensitivity.csv, then the number of base samples used.</summary>
    public static readonly IReadOnlyList<string> ConvergenceColumns = [.. Columns, "n_base"];

    /// <summary>
    /// Computes sensitivity.csv of a finished results folder from its manifest and timeseries.csv, writes it and
    /// returns its path. Works on any folder whose manifest records a sobol or morris sweep, such as shards of a
    /// cluster run merged in canonical order.
    /// </summary>
    /// <exception cref="FileNotFoundException">when the folder lacks manifest.json or timeseries.csv.</exception>
    /// <exception cref="InvalidDataException">when the folder's design is not analysed, or its files disagree.</exception>
    public static string Analyse(string directory)
    {
        string mf = Path.Combine(directory, ResultFiles.ManifestFile), ts = Path.Combine(directory, ResultFiles.TimeSeriesFile);
        if (!File.Exists(mf)) throw new FileNotFoundException($"{directory}: no {ResultFiles.ManifestFile}: is this a folder written by 'coprodsim run'?", mf);
        if (!File.Exists(ts)) throw new FileNotFoundException($"{directory}: no {ResultFiles.TimeSeriesFile} (was it turned off in outputs:?)", ts);
        RunManifest manifest = RunManifest.Read(mf);
        IEnumerable<string> lines = File.ReadLines(ts);
        TimeSeriesLayout layout = TimeSeriesLayout.Read(Csv.Split(lines.FirstOrDefault() ?? ""), manifest.SweepPaths);
        var (rows, convergence) = ComputeWithConvergence(manifest, layout, lines.Skip(1));
        if (manifest.Sweep?.Method == SweepMethod.Sobol) WriteConvergence(directory, convergence);
        return Write(directory, rows);
    }

    /// <summary>Writes <paramref name="rows"/> as sensitivity_convergence.csv in <paramref name="directory"/>; returns its path.</summary>
    public static string WriteConvergence(string directory, IReadOnlyList<ConvergenceRow> rows)
    {
        string path = Path.Combine(directory, ConvergenceFileName);
        AtomicFile.Write(path, w =>
        {
            w.Write(string.Join(',', ConvergenceColumns));
            w.Write('\n');
            foreach (ConvergenceRow c in rows)
            {
                w.Write(Line(c.Row));
                w.Write(',');
                w.Write(c.NBase.ToString(CultureInfo.InvariantCulture));
                w.Write('\n');
            }
        });
        return path;
    }

    /// <summary>Reads sensitivity_convergence.csv.</summary>
    public static IReadOnlyList<ConvergenceRow> ReadConvergence(string path)
    {
        var rows = new List<ConvergenceRow>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            List<string> f = Csv.Split(line);
            rows.Add(new ConvergenceRow(Row(f), int.Parse(f[9], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> as sensitivity.csv in <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, IReadOnlyList<SensitivityRow> rows)
    {
        string path = Path.Combine(directory, FileName);
        AtomicFile.Write(path, w =>
        {
            w.Write(string.Join(',', Columns));
            w.Write('\n');
            foreach (SensitivityRow r in rows)
            {
                w.Write(Line(r));
                w.Write('\n');
            }
        });
        return path;
    }

    /// <summary>Reads sensitivity.csv.</summary>
    public static IReadOnlyList<SensitivityRow> Read(string path)
    {
        var rows = new List<SensitivityRow>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            rows.Add(Row(Csv.Split(line)));
        }
        return rows;
    }

    /// <summary>A row's fields as sensitivity.csv writes them, without the line end.</summary>
    private static string Line(SensitivityRow r) => string.Join(',', Csv.Text(r.Strategy), r.Method, r.Metric, r.Statistic, Csv.Text(r.Parameter), r.Index,
        Csv.Number(r.Estimate.Value), Csv.Number(r.Estimate.Low), Csv.Number(r.Estimate.High));

    /// <summary>The row of the first nine fields of a line of sensitivity.csv (or of the convergence file).</summary>
    private static SensitivityRow Row(List<string> f) => new(f[0], f[1], f[2], f[3], f[4], f[5], new IndexEstimate(Csv.Parse(f[6]), Csv.Parse(f[7]), Csv.Parse(f[8])));

    /// <summary>
    /// The indices of a folder's sweep from the data rows of timeseries.csv (or the runs' part files, in canonical
    /// order: the same lines).
    /// </summary>
    public static IReadOnlyList<SensitivityRow> Compute(RunManifest manifest, TimeSeriesLayout layout, IEnumerable<string> lines) =>
        ComputeWithConvergence(manifest, layout, lines).Rows;

    /// <summary>
    /// The indices (<see cref="Compute"/>) and, for a Sobol' design, S1 and ST again from the first quarter, the first
    /// half and all of the N base samples. Saltelli's design lists each base row followed by its k (or 2k + 1) companion
    /// rows, so the first n base rows are the first n x (k + 2) (or n x (2k + 2)) points; their A and B rows are points
    /// N to N + n - 1 of the Sobol' sequence, a block whose size and start are multiples of n (N and n powers of two),
    /// so each subset is itself a well-spread Sobol' net and the three estimates are nested.
    /// </summary>
    public static (IReadOnlyList<SensitivityRow> Rows, IReadOnlyList<ConvergenceRow> Convergence) ComputeWithConvergence(RunManifest manifest, TimeSeriesLayout layout, IEnumerable<string> lines)
    {
        if (manifest.Sweep is not { Analysed: true } sweep)
            throw new InvalidDataException($"the folder's design is {(manifest.Sweep is null ? "no sweep" : Designs.Design.NameOf(manifest.Sweep.Method))}; sensitivity indices need a sobol or morris sweep");
        IReadOnlyList<string> metrics = sweep.Metrics ?? DesignOptions.DefaultMetrics;
        ResponseStatistic statistic = ResponseStatistic.Parse(sweep.Statistic ?? "final");
        double[,,] y = Responses(manifest, layout, lines, metrics, statistic, out string[] strategies);
        var rows = new List<SensitivityRow>();
        var convergence = new List<ConvergenceRow>();
        string method = Designs.Design.NameOf(sweep.Method);
        int k = sweep.Parameters.Count;
        for (int s = 0; s < strategies.Length; s++)
        {
            for (int m = 0; m < metrics.Count; m++)
            {
                double[] response = Enumerable.Range(0, sweep.Points.Count).Select(p => y[p, s, m]).ToArray();
                void Add(string parameter, string index, IndexEstimate e) => rows.Add(new SensitivityRow(strategies[s], method, metrics[m], statistic.Name, parameter, index, e));
                if (sweep.Method == SweepMethod.Sobol)
                {
                    SobolIndices ix = SobolAnalysis.Analyse(response, k, sweep.SecondOrder ?? false, manifest.Seed);
                    for (int j = 0; j < k; j++) Add(sweep.Parameters[j], "S1", ix.First[j]);
                    for (int j = 0; j < k; j++) Add(sweep.Parameters[j], "ST", ix.Total[j]);
                    for (int j = 0; ix.Second is not null && j < k; j++)
                        for (int l = j + 1; l < k; l++) Add($"{sweep.Parameters[j]}:{sweep.Parameters[l]}", "S2", ix.Second[j, l]);
                    int step = Designs.SaltelliDesign.RowSize(k, sweep.SecondOrder ?? false), n = response.Length / step;
                    foreach (int used in new[] { n / 4, n / 2, n }.Where(u => u >= 2).Distinct())
                    {
                        SobolIndices part = used == n ? ix : SobolAnalysis.Analyse(response[..(used * step)], k, sweep.SecondOrder ?? false, manifest.Seed);
                        void AddAt(string parameter, string index, IndexEstimate e) =>
                            convergence.Add(new ConvergenceRow(new SensitivityRow(strategies[s], method, metrics[m], statistic.Name, parameter, index, e), used));
                        for (int j = 0; j < k; j++) AddAt(sweep.Parameters[j], "S1", part.First[j]);
                        for (int j = 0; j < k; j++) AddAt(sweep.Parameters[j], "ST", part.Total[j]);
                    }
                }
                else
                {
                    IReadOnlyList<MorrisMeasures> mm = MorrisAnalysis.Analyse(sweep.Points, sweep.Min!, sweep.Max!, response, manifest.Seed);
                    for (int j = 0; j < k; j++)
                    {
                        Add(sweep.Parameters[j], "mu_star", mm[j].MuStar);
                        Add(sweep.Parameters[j], "mu", mm[j].Mu);
                        Add(sweep.Parameters[j], "sigma", mm[j].Sigma);
                    }
                }
            }
        }
        return (rows, convergence);
    }

    /// <summary>
    /// The response of every point, strategy and metric: the mean over replications of the statistic of each run's
    /// series. Runs are matched to the manifest's list of runs in order, and each is checked against it.
    /// </summary>
    public static double[,,] Responses(RunManifest manifest, TimeSeriesLayout layout, IEnumerable<string> lines, IReadOnlyList<string> metrics, ResponseStatistic statistic, out string[] strategies)
    {
        IReadOnlyList<ManifestRun> runs = manifest.RunSeeds;
        strategies = runs.Select(r => r.Strategy).Distinct().ToArray();
        var strategyIndex = strategies.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        int points = manifest.Sweep?.Points.Count ?? 1;
        int[] columns = metrics.Select(m => layout.Metrics.ToList().IndexOf(m) is var i and >= 0 ? layout.FirstMetric + i
            : throw new InvalidDataException($"timeseries.csv has no metric '{m}'")).ToArray();
        var sums = new double[points, strategies.Length, metrics.Count];
        var counts = new int[points, strategies.Length, metrics.Count];
        var series = metrics.Select(_ => new List<double>()).ToArray();
        int run = -1;
        long lastTick = long.MaxValue;
        string? key = null;

        void Finish()
        {
            if (run < 0) return;
            ManifestRun r = runs[run];
            int p = r.Point ?? 0, s = strategyIndex[r.Strategy];
            for (int m = 0; m < metrics.Count; m++)
            {
                double v = statistic.Of(series[m]);
                series[m].Clear();
                if (double.IsNaN(v)) continue;
                sums[p, s, m] += v;
                counts[p, s, m]++;
            }
        }

        foreach (string line in lines)
        {
            if (line.Length == 0) continue;
            List<string> f = Csv.Split(line);
            long tick = long.Parse(f[TimeSeriesLayout.Tick], CultureInfo.InvariantCulture);
            string runKey = string.Join(',', f.Take(TimeSeriesLayout.Tick));
            if (tick <= lastTick || runKey != key)
            {
                Finish();
                run++;
                if (run >= runs.Count) throw new InvalidDataException($"timeseries.csv has more runs than the manifest's {runs.Count}");
                ManifestRun expected = runs[run];
                if (f[TimeSeriesLayout.Strategy] != expected.Strategy || f[TimeSeriesLayout.Replication] != expected.Replication.ToString(CultureInfo.InvariantCulture))
                    throw new InvalidDataException($"timeseries.csv: run {run + 1} is strategy {f[TimeSeriesLayout.Strategy]}, replication {f[TimeSeriesLayout.Replication]}; the manifest lists strategy {expected.Strategy}, replication {expected.Replication}: rows must be in the order 'coprodsim run' writes them");
                key = runKey;
            }
            lastTick = tick;
            for (int m = 0; m < metrics.Count; m++)
            {
                List<double> sm = series[m];
                while (sm.Count < tick) sm.Add(double.NaN);
                sm.Add(Csv.Parse(f[columns[m]]));
            }
        }
        Finish();
        if (run + 1 != runs.Count) throw new InvalidDataException($"timeseries.csv has {run + 1} runs; the manifest lists {runs.Count}");
        var means = new double[points, strategies.Length, metrics.Count];
        for (int p = 0; p < points; p++)
            for (int s = 0; s < strategies.Length; s++)
                for (int m = 0; m < metrics.Count; m++) means[p, s, m] = counts[p, s, m] > 0 ? sums[p, s, m] / counts[p, s, m] : double.NaN;
        return means;
    }
}
