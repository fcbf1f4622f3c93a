using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;

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
/// Each finished run is written to <c>DIR/.runs/ID.csv</c> (under a temporary name, flushed to disk, then renamed),
/// with a record beside it (<see cref="PartRecord"/>: the plan's fingerprint, the run, its seed, its rows and their
/// SHA-256), so an interruption loses only the runs in flight, and <c>--resume</c> keeps each part whose record and
/// bytes check out and runs the missing and damaged ones again, saying which. The final files are
/// assembled from the parts in canonical order in <c>DIR/.staging/</c> and published into DIR as a unit
/// (<see cref="ResultFolder"/>), so a reader sees the previous results or the new ones, never a mix.
/// </para>
/// </summary>
public sealed class EnsembleRunner
{
    /// <summary>Name of the folder of finished runs inside the output folder.</summary>
    public const string PartsFolder = ".runs";

    private readonly Experiment _experiment;
    private readonly IModelFactory _factory;
    private readonly string _dir;
    private readonly int _threads;
    private readonly bool _resume;
    private readonly DerivedMetrics _derived;
    private readonly int _catalogue;
    private string _fingerprint = "";

    /// <summary>Prepares to run <paramref name="scenario"/>, with the co-production model, into <paramref name="directory"/>.</summary>
    public EnsembleRunner(Scenario scenario, string directory, int threads, bool resume)
        : this(Experiment.From(scenario), new CoProductionFactory(scenario), directory, threads, resume)
    {
    }

    /// <summary>Prepares to run <paramref name="experiment"/>, building each run's model with <paramref name="factory"/>, into <paramref name="directory"/>.</summary>
    public EnsembleRunner(Experiment experiment, IModelFactory factory, string directory, int threads, bool resume)
    {
        _experiment = experiment;
        _factory = factory;
        _dir = Path.GetFullPath(directory);
        _threads = Math.Max(1, threads);
        _resume = resume;
        // The model's metrics, then the scenario's derived metrics, computed from them month by month.
        _catalogue = factory.MetricNames.Count;
        _derived = DerivedMetrics.Compile(factory.MetricNames, experiment.Outputs.Derived);
        Layout = new TimeSeriesLayout(experiment.Manifest.SweepPaths, [.. factory.MetricNames, .. _derived.Names]);
    }

    /// <summary>The plan.</summary>
    public RunPlan Plan => _experiment.Plan;

    /// <summary>Columns of timeseries.csv.</summary>
    public TimeSeriesLayout Layout { get; }

    /// <summary>
    /// Runs what is not done yet and writes the outputs. Throws <see cref="OperationCanceledException"/> when
    /// cancelled; finished runs stay on disk for <c>--resume</c>. With <see cref="Slice"/>, runs only that slice
    /// into the parts folder and publishes nothing; with <see cref="MergeOnly"/>, runs nothing and publishes the
    /// parts, or throws <see cref="MissingRunsException"/> when any run is missing or damaged.
    /// </summary>
    public EnsembleResult Run(IProgress<EnsembleProgress>? progress = null, CancellationToken cancel = default)
    {
        if (Slice is { } slice) return RunSlice(slice, progress, cancel);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string parts = Path.Combine(_dir, PartsFolder);
        // Temporary files of ours left by a process that was killed. A merge leaves the parts folder alone until
        // every run is found there: a shard still writing on another node has temporary files this machine cannot
        // tell from orphans.
        OwnFiles.RemoveOrphans(_dir);
        if (!MergeOnly) OwnFiles.RemoveOrphans(parts);
        OwnFiles.RemoveOrphans(Path.Combine(_dir, ResultFolder.StagingFolder));
        string fingerprint = PlanFingerprint;
        string planFile = Path.Combine(parts, PlanFile.FileName);
        PlanFile? previous = null;
        if ((_resume || MergeOnly) && File.Exists(planFile))
        {
            try
            {
                previous = PlanFile.Read(planFile);
            }
            catch (InvalidDataException)
            {
                throw new ScenarioException(new ScenarioError(_experiment.Manifest.ScenarioFile, 0, 0,
                    $"--resume: the record of the interrupted run, {planFile}, is damaged, so its runs cannot be trusted; run with --force (instead of --resume) to start afresh"));
            }
            if (previous!.Fingerprint != fingerprint)
                throw new ScenarioException(new ScenarioError(_experiment.Manifest.ScenarioFile, 0, 0,
                    $"--resume: the runs in {parts} were made with another scenario, seed, replications, --set or version; run the command that made them with --resume, or this one with --force (instead of --resume) to start afresh"));
        }
        else if (MergeOnly)
        {
            throw new MissingRunsException(Check(), Plan.Runs.Count, null);
        }
        else
        {
            OwnFiles.CleanParts(parts);
        }
        _fingerprint = fingerprint;
        if (MergeOnly)
        {
            // Nothing is deleted or run: a damaged part is named, and left for its shard to replace.
            IReadOnlyList<MissingRun> missing = Check();
            if (missing.Count > 0) throw new MissingRunsException(missing, Plan.Runs.Count, previous!.Shards);
            OwnFiles.RemoveOrphans(parts);
        }
        else if (previous is null)
        {
            Directory.CreateDirectory(parts);
            AtomicFile.WriteAllText(planFile, PlanRecord(null).ToJson());
        }

        var pending = new List<RunSpec>();
        var damaged = new List<string>();
        foreach (RunSpec run in Plan.Runs)
        {
            string part = PartPath(run);
            if (!File.Exists(part))
            {
                pending.Add(run);
                continue;
            }
            if (PartRecord.Problem(fingerprint, run, part) is { } problem)
            {
                damaged.Add($"{run.Id} ({problem})");
                AtomicFile.TryDelete(part);
                pending.Add(run);
            }
        }
        NoteDamaged(damaged);
        int resumed = Plan.Runs.Count - pending.Count;
        var copies = pending.Where(_experiment.Copies.ContainsKey).ToList();
        pending = pending.Where(r => !_experiment.Copies.ContainsKey(r)).ToList();
        int done = Simulate(pending, resumed, Plan.Runs.Count, progress, cancel);
        foreach (RunSpec copy in copies)
        {
            CopyRun(_experiment.Copies[copy], copy);
            progress?.Report(new EnsembleProgress(++done, Plan.Runs.Count, resumed));
        }

        // The final files are written to the staging folder, and published into the results folder as a unit
        // (ResultFolder): until then the folder keeps its previous results whole.
        string staging = Path.Combine(_dir, ResultFolder.StagingFolder);
        ResultFolder.CleanStaging(staging);
        Directory.CreateDirectory(staging);
        var files = new List<string>();
        var writer = new ResultFiles(_experiment, staging, Layout, PartPath);
        OutputSpec outputs = _experiment.Outputs;
        if (outputs.TimeSeries && outputs.Csv) files.Add(writer.WriteTimeSeries());
        if (outputs.TimeSeries && outputs.Parquet) files.Add(writer.WriteTimeSeriesParquet());
        IReadOnlyList<SummaryRow> summary = writer.Summarise();
        if (outputs.Summary && outputs.Csv) files.Add(writer.WriteSummary(summary));
        if (outputs.Summary && outputs.Parquet) files.Add(writer.WriteSummaryParquet(summary));
        if (_experiment.Manifest.Sweep is { Analysed: true }) files.AddRange(writer.WriteSensitivity());
        if (_experiment.Manifest.Baseline is not null) files.Add(writer.WriteDifferences());
        string generation = Guid.NewGuid().ToString("N");
        files.Add(writer.WriteManifest(started, DateTimeOffset.UtcNow, _threads, resumed, generation, fingerprint));
        if (Report is not null) files.Add(Report(staging));
        string[] names = files.Select(Path.GetFileName).ToArray()!;
        ResultFolder.Publish(_dir, staging, generation, _experiment.Manifest.ScenarioFile, names);
        // Every result is now in the final files: the per-run parts and the staging folder are no longer needed.
        OwnFiles.CleanParts(parts);
        ResultFolder.CleanStaging(staging);
        return new EnsembleResult(_dir, Plan.Runs.Count, resumed, clock.Elapsed, names.Select(n => Path.Combine(_dir, n)).ToArray()) { Summary = summary };
    }

    /// <summary>
    /// Runs slice <paramref name="slice"/> of the runs to simulate into the parts folder, beside the other slices'
    /// parts, touching nothing else: no lock (a lock file holding a process id means nothing on another node), no
    /// other slice's files, no staging or publishing (that is <c>merge</c>). The plan record is created by the first
    /// slice to start and checked by the others. A slice's sound parts are kept (unless <see cref="Force"/>), so a
    /// failed task can simply run again. The result counts the slice's runs.
    /// </summary>
    private EnsembleResult RunSlice(Shard slice, IProgress<EnsembleProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        string parts = Path.Combine(_dir, PartsFolder);
        string fingerprint = PlanFingerprint;
        _fingerprint = fingerprint;
        IReadOnlyList<RunSpec> mine = slice.Of(SimulatedRuns);
        var names = new HashSet<string>(mine.SelectMany(r => new[] { r.Id + ".csv", r.Id + ".json" }), StringComparer.Ordinal);
        Directory.CreateDirectory(parts);
        OwnFiles.RemoveOrphans(parts, names.Contains);
        ClaimPlan(Path.Combine(parts, PlanFile.FileName), slice);
        Fault.At("shard:" + slice.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pending = new List<RunSpec>();
        var damaged = new List<string>();
        foreach (RunSpec run in mine)
        {
            string part = PartPath(run);
            if (Force || !File.Exists(part))
            {
                pending.Add(run);
            }
            else if (PartRecord.Problem(fingerprint, run, part) is { } problem)
            {
                damaged.Add($"{run.Id} ({problem})");
                AtomicFile.TryDelete(part);
                pending.Add(run);
            }
        }
        NoteDamaged(damaged);
        int resumed = mine.Count - pending.Count;
        Simulate(pending, resumed, mine.Count, progress, cancel);
        return new EnsembleResult(_dir, mine.Count, resumed, clock.Elapsed, []);
    }

    /// <summary>
    /// Creates the plan record, or checks the one another slice created: the same plan and the same number of
    /// slices, or a clear error. With <see cref="Force"/> a record of another plan is replaced.
    /// </summary>
    private void ClaimPlan(string planFile, Shard slice)
    {
        PlanFile ours = PlanRecord(slice.Count);
        if (ours.TryCreate(planFile)) return;
        string file = _experiment.Manifest.ScenarioFile;
        PlanFile? found;
        try
        {
            found = PlanFile.Read(planFile);
        }
        catch (InvalidDataException ex)
        {
            if (Force)
            {
                AtomicFile.WriteAllText(planFile, ours.ToJson());
                return;
            }
            throw new ScenarioException(new ScenarioError(file, 0, 0, $"--shard {slice}: {ex.Message}; its runs cannot be trusted: run the shards with --force to start afresh, or choose another --out"));
        }
        if (found is null || found.Fingerprint != PlanFingerprint)
        {
            if (Force)
            {
                AtomicFile.WriteAllText(planFile, ours.ToJson());
                return;
            }
            throw new ScenarioException(new ScenarioError(file, 0, 0,
                $"--shard {slice}: {Path.GetDirectoryName(planFile)} holds runs made with another scenario, seed, replications, --set or version (another plan); give every shard the same scenario file and options, or start afresh with --force, or choose another --out"));
        }
        if (found.Shards is null)
        {
            // Runs of a one-machine run of the same plan, interrupted: they are kept, and the record says from now on
            // in how many slices the rest is run.
            AtomicFile.WriteAllText(planFile, (found with { Shards = slice.Count }).ToJson());
        }
        else if (found.Shards != slice.Count)
        {
            throw new ScenarioException(new ScenarioError(file, 0, 0, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--shard {slice}: the runs in {Path.GetDirectoryName(planFile)} are being made in {found.Shards} shards, not {slice.Count}; give --shard I/{found.Shards}, or start afresh with --force")));
        }
    }

    /// <summary>The plan record of this runner: what <c>merge</c> needs to rebuild the plan.</summary>
    private PlanFile PlanRecord(int? shards)
    {
        RunManifest m = _experiment.Manifest;
        return new PlanFile
        {
            Fingerprint = PlanFingerprint,
            Runs = Plan.Runs.Count,
            Scenario = string.IsNullOrEmpty(m.ScenarioFile) ? null : Path.GetFullPath(m.ScenarioFile),
            ScenarioSha256 = m.ScenarioSha256,
            Overrides = m.Overrides,
            Seed = m.Seed,
            Replications = m.Replications,
            Shards = shards,
        };
    }

    /// <summary>
    /// The runs whose parts are missing or not sound, in canonical order, with their positions among the runs to
    /// simulate (runs a copy covers are written by the final stage, from their source, and are not checked). Reads
    /// only: nothing is deleted.
    /// </summary>
    public IReadOnlyList<MissingRun> Check()
    {
        string fingerprint = PlanFingerprint;
        var missing = new List<MissingRun>();
        IReadOnlyList<RunSpec> simulated = SimulatedRuns;
        for (int k = 0; k < simulated.Count; k++)
        {
            RunSpec run = simulated[k];
            string part = PartPath(run);
            string? problem = File.Exists(part) ? PartRecord.Problem(fingerprint, run, part) : "missing";
            if (problem is not null) missing.Add(new MissingRun(run, k, problem));
        }
        return missing;
    }

    /// <summary>The runs to simulate, in canonical order: the plan's runs but those another run's results are copied into.</summary>
    public IReadOnlyList<RunSpec> SimulatedRuns => Plan.Runs.Where(r => !_experiment.Copies.ContainsKey(r)).ToArray();

    /// <summary>Runs only this slice into the parts folder (<c>--shard I/N</c>); null: every run, then the outputs.</summary>
    public Shard? Slice { get; init; }

    /// <summary>Runs nothing: publishes the parts already there, or throws <see cref="MissingRunsException"/> (<c>merge</c>).</summary>
    public bool MergeOnly { get; init; }

    /// <summary>With <see cref="Slice"/>: runs the slice's runs again even when their parts are sound, and replaces a plan record of another plan.</summary>
    public bool Force { get; init; }

    private void NoteDamaged(List<string> damaged)
    {
        if (damaged.Count == 0) return;
        const int named = 10;
        string more = damaged.Count > named ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", and {damaged.Count - named} more") : "";
        Note?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{damaged.Count} damaged run{(damaged.Count == 1 ? "" : "s")} will be run again: {string.Join(", ", damaged.Take(named))}{more}"));
    }

    /// <summary>Simulates <paramref name="pending"/> in parallel; returns the count done (with those already done).</summary>
    private int Simulate(List<RunSpec> pending, int resumed, int total, IProgress<EnsembleProgress>? progress, CancellationToken cancel)
    {
        int done = resumed;
        progress?.Report(new EnsembleProgress(done, total, resumed));
        int concurrent = Math.Max(1, Math.Min(_threads, pending.Count));
        int modelThreads = Math.Max(1, _threads / concurrent);
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = cancel };
        Parallel.ForEach(pending, options, run =>
        {
            RunOne(run, modelThreads, cancel);
            int d = Interlocked.Increment(ref done);
            progress?.Report(new EnsembleProgress(d, total, resumed));
        });
        return done;
    }

    /// <summary>
    /// Builds the report in the folder it is given (the staging folder, whose data files and manifest are written)
    /// and returns its path; it is published with the other files. Null: no report.
    /// </summary>
    public Func<string, string>? Report { get; init; }

    /// <summary>Receives notes for the user (damaged parts found on resuming), one line each.</summary>
    public Action<string>? Note { get; init; }

    /// <summary>Path of a run's part file.</summary>
    public string PartPath(RunSpec run) => Path.Combine(_dir, PartsFolder, run.Id + ".csv");

    private void RunOne(RunSpec run, int threads, CancellationToken cancel)
    {
        ISimulationModel model = _factory.Create(run, threads);
        if (!model.MetricNames.SequenceEqual(Layout.Metrics.Take(_catalogue)))
            throw new InvalidOperationException($"run {run.Id}: the model writes metrics {string.Join(',', model.MetricNames)}, but the factory declared {string.Join(',', Layout.Metrics)}");
        string path = PartPath(run);
        string temp = AtomicFile.TempName(path);
        try
        {
            using (var sink = new CsvPartSink(temp, Prefix(run), _derived) { SweepPrefix = SweepColumns(run) })
            {
                using var recorder = new MetricRecorder(sink, _catalogue);
                using (var simulation = new Simulation(model, threads)) simulation.Run(_factory.HorizonOf(run), recorder, cancel);
                recorder.Complete();
            }
            PartRecord.Write(_fingerprint, run, temp, path);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
        Fault.PartWritten();
    }

    /// <summary>
    /// Writes the part of <paramref name="run"/> from that of <paramref name="source"/>, the same simulation at
    /// another sweep point: the same lines with the run's own sweep values.
    /// </summary>
    private void CopyRun(RunSpec source, RunSpec run)
    {
        int first = TimeSeriesLayout.FirstSweep, sweeps = Layout.SweepPaths.Count;
        string[] values = SweepColumns(run).Split(',')[..sweeps];
        string path = PartPath(run);
        string temp = AtomicFile.TempName(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
                {
                    foreach (string line in File.ReadLines(PartPath(source)))
                    {
                        string[] fields = line.Split(',');
                        Array.Copy(values, 0, fields, first, sweeps);
                        w.Write(string.Join(',', fields));
                        w.Write('\n');
                    }
                }
                stream.Flush(flushToDisk: true);
            }
            PartRecord.Write(_fingerprint, run, temp, path);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    /// <summary>The fields before the tick column (<see cref="TimeSeriesLayout.Leading"/>), with their separators.</summary>
    private string Prefix(RunSpec run) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Csv.Text(Plan.Strategies[run.Strategy])},{run.Replication},{run.Seed},");

    /// <summary>The swept parameters' values of the run's point (names for parameters that take names), each followed by a separator.</summary>
    private string SweepColumns(RunSpec run)
    {
        if (_experiment.Manifest.Sweep is not { } sweep) return "";
        var sb = new StringBuilder();
        IReadOnlyList<double> point = sweep.Points[run.Point];
        for (int k = 0; k < point.Count; k++) sb.Append(Designs.SweepValue.Format(sweep.Parameters[k], point[k])).Append(',');
        return sb.ToString();
    }

    /// <summary>Identity of what is being run: a resumed run must match it exactly.</summary>
    public string PlanFingerprint => Fingerprint();

    private string Fingerprint()
    {
        RunManifest m = _experiment.Manifest;
        string text = string.Join('\n', m.ScenarioSha256, m.Seed, m.Replications, string.Join(';', m.Overrides), ToolVersion.Text, string.Join(',', Layout.Columns));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Writes one run's rows as CSV lines (no header) on the recorder's writer thread.</summary>
    private sealed class CsvPartSink : IMetricSink, IDisposable
    {
        private readonly StreamWriter _writer;
        private readonly FileStream _stream;
        private readonly string _prefix;
        private readonly StringBuilder _line = new(1024);
        private readonly DerivedMetrics _derived;
        private readonly double[] _derivedValues;

        public CsvPartSink(string path, string prefix, DerivedMetrics derived)
        {
            _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            _writer = new StreamWriter(_stream, new UTF8Encoding(false)) { NewLine = "\n" };
            _prefix = prefix;
            _derived = derived;
            _derivedValues = new double[derived.Names.Count];
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
            if (_derivedValues.Length > 0)
            {
                _derived.Evaluate(values, _derivedValues);
                foreach (double v in _derivedValues) _line.Append(',').Append(Csv.Number(v));
            }
            _writer.Write(_line);
            _writer.Write('\n');
        }

        public void Complete()
        {
            _writer.Flush();
            _stream.Flush(flushToDisk: true);
        }

        public void Dispose() => _writer.Dispose();
    }
}
