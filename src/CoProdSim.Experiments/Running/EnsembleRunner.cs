using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model;

namespace CoProdSim.Experiments.Running;

/// <summary>Progress of an ensemble: runs done (including those resumed) out of all.</summary>
public readonly record struct EnsembleProgress(int Done, int Total, int Resumed);

/// <summary>What an ensemble run wrote and how long it took.</summary>
public sealed record EnsembleResult(string Directory, int Runs, int Resumed, TimeSpan Elapsed, IReadOnlyList<string> Files)
{
    /// <summary>Final-tick estimates per strategy (and sweep point) and metric.</summary>
    public IReadOnlyList<SummaryRow> Summary { get; init; } = [];
}

/// <summary>
/// Runs every strategy x replication (x sweep point) of a scenario and writes tidy outputs (docs/scenarios.md,
/// "Outputs"). Runs go in parallel, each on one thread, when there are at least as many runs as threads; otherwise
/// each run gets the threads (a million-citizen run). Either way, numbers are identical.
/// <para>
/// Each finished run is written to <c>DIR/.runs/ID.csv</c> (atomically), so an interruption loses only the runs in
/// flight, and <c>--resume</c> skips what is there, after checking the plan's fingerprint. The final files are
/// assembled from the parts in canonical order and renamed into place.
/// </para>
/// </summary>
public sealed class EnsembleRunner
{
    /// <summary>Name of the folder of finished runs inside the output folder.</summary>
    public const string PartsFolder = ".runs";

    private readonly Scenario _scenario;
    private readonly RunPlan _plan;
    private readonly string _dir;
    private readonly int _threads;
    private readonly bool _resume;
    private readonly string[] _metricNames;

    /// <summary>Prepares to run <paramref name="scenario"/> into <paramref name="directory"/>.</summary>
    public EnsembleRunner(Scenario scenario, string directory, int threads, bool resume)
    {
        _scenario = scenario;
        _plan = new RunPlan(scenario);
        _dir = Path.GetFullPath(directory);
        _threads = Math.Max(1, threads);
        _resume = resume;
        _metricNames = CoProdSim.Model.Metrics.MetricCatalog.Names(scenario.Model.Domains.Select(d => d.Name).ToArray());
    }

    /// <summary>The plan.</summary>
    public RunPlan Plan => _plan;

    /// <summary>Column names of timeseries.csv.</summary>
    public IReadOnlyList<string> Columns =>
        ["strategy", "replication", "seed", "tick", .. _scenario.Sweep?.Parameters.Select(p => p.Path) ?? [], .. _metricNames];

    /// <summary>
    /// Runs what is not done yet and writes the outputs. Throws <see cref="OperationCanceledException"/> when
    /// cancelled; finished runs stay on disk for <c>--resume</c>.
    /// </summary>
    public EnsembleResult Run(IProgress<EnsembleProgress>? progress = null, CancellationToken cancel = default)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string parts = Path.Combine(_dir, PartsFolder);
        string fingerprint = Fingerprint();
        string planFile = Path.Combine(parts, "plan.json");
        if (_resume && File.Exists(planFile))
        {
            string? previous = JsonDocument.Parse(File.ReadAllText(planFile)).RootElement.GetProperty("fingerprint").GetString();
            if (previous != fingerprint)
                throw new ScenarioException(new ScenarioError(_scenario.SourcePath, 0, 0,
                    $"--resume: the runs in {parts} were made with another scenario, seed, replications or --set; run without --resume to start afresh"));
        }
        else if (Directory.Exists(parts))
        {
            Directory.Delete(parts, recursive: true);
        }
        Directory.CreateDirectory(parts);
        AtomicFile.WriteAllText(planFile, JsonSerializer.Serialize(new { fingerprint, runs = _plan.Runs.Count }));

        var pending = _plan.Runs.Where(r => !File.Exists(PartPath(r))).ToList();
        int resumed = _plan.Runs.Count - pending.Count;
        int done = resumed;
        progress?.Report(new EnsembleProgress(done, _plan.Runs.Count, resumed));
        int concurrent = Math.Max(1, Math.Min(_threads, pending.Count));
        int modelThreads = Math.Max(1, _threads / concurrent);
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = cancel };
        Parallel.ForEach(pending, options, run =>
        {
            RunOne(run, modelThreads, cancel);
            int d = Interlocked.Increment(ref done);
            progress?.Report(new EnsembleProgress(d, _plan.Runs.Count, resumed));
        });

        var files = new List<string>();
        var writer = new ResultFiles(_scenario, _plan, _dir, Columns, _metricNames, PartPath);
        if (_scenario.Outputs.TimeSeries) files.Add(writer.WriteTimeSeries());
        IReadOnlyList<SummaryRow> summary = writer.Summarise();
        if (_scenario.Outputs.Summary) files.Add(writer.WriteSummary(summary));
        files.Add(writer.WriteManifest(started, DateTimeOffset.UtcNow, _threads, resumed));
        // Every result is now in the final files: the per-run parts are no longer needed.
        Directory.Delete(parts, recursive: true);
        return new EnsembleResult(_dir, _plan.Runs.Count, resumed, clock.Elapsed, files) { Summary = summary };
    }

    /// <summary>Path of a run's part file.</summary>
    public string PartPath(RunSpec run) => Path.Combine(_dir, PartsFolder, run.Id + ".csv");

    private void RunOne(RunSpec run, int threads, CancellationToken cancel)
    {
        var parameters = RunPlan.ParametersFor(_scenario, run.Point, run.Strategy);
        var model = new CoProductionModel(parameters, run.Seed, threads);
        string path = PartPath(run);
        string temp = AtomicFile.TempName(path);
        try
        {
            using (var sink = new CsvPartSink(temp, Prefix(run)) { SweepPrefix = SweepColumns(run) })
            {
                using var recorder = new MetricRecorder(sink, _metricNames.Length);
                new Simulation(model, threads).Run(parameters.Horizon, recorder, cancel);
                recorder.Complete();
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    private string Prefix(RunSpec run)
    {
        var sb = new StringBuilder();
        sb.Append(Csv.Text(_scenario.Strategies[run.Strategy].Name)).Append(',').Append(run.Replication).Append(',').Append(run.Seed).Append(',');
        return sb.ToString();
    }

    private string SweepColumns(RunSpec run)
    {
        if (_scenario.Sweep is null) return "";
        var sb = new StringBuilder();
        foreach (double v in _scenario.Sweep.Points[run.Point]) sb.Append(Csv.Number(v)).Append(',');
        return sb.ToString();
    }

    /// <summary>Identity of what is being run: a resumed run must match it exactly.</summary>
    private string Fingerprint()
    {
        string text = string.Join('\n', _scenario.SourceHash, _scenario.Seed, _scenario.Replications, string.Join(';', _scenario.Overrides), CoProdSim.Experiments.Output.ToolVersion.Text, string.Join(',', Columns));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Writes one run's rows as CSV lines (no header) on the recorder's writer thread.</summary>
    private sealed class CsvPartSink : IMetricSink, IDisposable
    {
        private readonly StreamWriter _writer;
        private readonly string _prefix;
        private readonly StringBuilder _line = new(1024);

        public CsvPartSink(string path, string prefix)
        {
            _writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false)) { NewLine = "\n" };
            _prefix = prefix;
        }

        public string SweepPrefix { get; init; } = "";

        public void Write(long tick, ReadOnlySpan<double> values)
        {
            _line.Clear();
            _line.Append(_prefix).Append(tick).Append(',').Append(SweepPrefix);
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) _line.Append(',');
                _line.Append(Csv.Number(values[i]));
            }
            _writer.Write(_line);
            _writer.Write('\n');
        }

        public void Complete()
        {
            _writer.Flush();
            _writer.BaseStream.Flush();
        }

        public void Dispose() => _writer.Dispose();
    }
}
