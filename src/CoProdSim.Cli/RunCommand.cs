using System.CommandLine;
using System.Globalization;
using CoProdSim.Charts;
using CoProdSim.Experiments.Designs;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Metrics;
using Spectre.Console;

namespace CoProdSim.Cli;

/// <summary><c>coprodsim run FILE</c>: runs every strategy x replication (x sweep point) and writes the outputs.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML), e.g. scenarios/compare-strategies.yaml" };
        var output = new Option<string?>("--out", "-o") { Description = "Output folder [default: results/<scenario name>]" };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, replacing the scenario's" };
        var replications = new Option<int?>("--replications", "-r") { Description = "Replications per strategy, replacing the scenario's" };
        var threads = new Option<int?>("--threads", "-t") { Description = "Threads [default: all cores]; results do not depend on it" };
        var set = new Option<string[]>("--set") { Description = "Set a parameter: path=value (repeatable), e.g. --set strategy.invitation_rate=0.2", Arity = ArgumentArity.ZeroOrMore };
        var resume = new Option<bool>("--resume") { Description = "Keep the completed runs of an interrupted run in the output folder and do the rest" };
        var force = new Option<bool>("--force") { Description = "Replace the results of an earlier run in the output folder" };
        var ignoreLimits = new Option<bool>("--ignore-limits") { Description = "Run even when the estimated memory or disk space exceeds this machine's" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors" };
        var shard = new Option<string?>("--shard") { Description = "Run only slice I of N of the runs (0 <= I < N; docs/cluster.md) into --out's part files, for a job array; 'coprodsim merge DIR' then writes the outputs" };
        var command = new Command("run", "Run a scenario: every strategy x replication (x sweep point); write CSVs, manifest and report")
        {
            file, output, seed, replications, threads, set, resume, force, ignoreLimits, quiet, shard,
        };
        command.SetAction((parse, cancel) =>
        {
            RunMode? mode = null;
            if (parse.GetValue(shard) is { } text)
            {
                if (Shard.Parse(text, out string? problem) is not { } slice)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"error: {problem}. Nothing was run or written.");
                    return Task.FromResult(CommandLine.BadInput);
                }
                mode = new RunMode(slice);
            }
            return Task.FromResult(Execute(
                parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(seed), parse.GetValue(replications), parse.GetValue(threads),
                parse.GetValue(set) ?? [], parse.GetValue(resume), parse.GetValue(quiet), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancel, parse.GetValue(force), parse.GetValue(ignoreLimits), mode));
        });
        return command;
    }

    /// <summary>Runs the scenario; every failure ends as error lines on <paramref name="stderr"/> and exit code 2 (bad input) or 1 (environment).</summary>
    public static int Execute(string file, string? outDir, ulong? seed, int? replications, int? threads, string[] sets, bool resume, bool quiet, TextWriter stdout, TextWriter stderr, CancellationToken cancel, bool force = false, bool ignoreLimits = false, RunMode? mode = null) =>
        Failures.Guard(stderr, () => ExecuteUnguarded(file, outDir, seed, replications, threads, sets, resume, force, ignoreLimits, quiet, stdout, stderr, mode ?? new RunMode(), cancel));

    /// <summary>
    /// Loads the scenario with the command line's <c>--set</c>, <c>--seed</c> and <c>--replications</c> (and checks
    /// <c>--threads</c>); null with the scenario, or the exit code after the errors are printed.
    /// </summary>
    internal static int? Load(string file, ulong? seed, int? replications, int? threads, string[] sets, TextWriter stderr, out Scenario scenario)
    {
        scenario = null!;
        try
        {
            scenario = ScenarioLoader.Load(file, sets);
        }
        catch (ScenarioException ex)
        {
            return ScenarioErrors.Report(ex, stderr);
        }
        if (replications is < 1 or > 100_000)
        {
            stderr.WriteLine($"error: --replications: {replications} is out of range; allowed: 1 to 100000. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        if (threads is < 1 or > 4096)
        {
            stderr.WriteLine($"error: --threads: {threads} is out of range; allowed: 1 to 4096. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        if (seed > Scenario.MaxSeed)
        {
            stderr.WriteLine($"error: --seed: {seed} is out of range; allowed: 0 to {Scenario.MaxSeed} (as in scenario files). Nothing was run or written.");
            return CommandLine.BadInput;
        }
        scenario = (seed is { } root ? scenario.WithSeed(root) : scenario) with { Replications = replications ?? scenario.Replications };
        if (scenario.RunCount > Scenario.MaxRuns)
        {
            stderr.WriteLine($"error: {scenario.TooManyRuns()}. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        return null;
    }

    private static int ExecuteUnguarded(string file, string? outDir, ulong? seed, int? replications, int? threads, string[] sets, bool resume, bool force, bool ignoreLimits, bool quiet, TextWriter stdout, TextWriter stderr, RunMode mode, CancellationToken cancel)
    {
        if (Load(file, seed, replications, threads, sets, stderr, out Scenario scenario) is { } bad) return bad;
        if (force && resume)
        {
            stderr.WriteLine("error: --force and --resume contradict each other: --resume keeps an interrupted run's completed runs, --force discards them. Give one. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        string dir = outDir ?? Path.Combine("results", scenario.Name);
        if (OutputFolder.Problem(dir, outDir is not null) is { } badOut)
        {
            stderr.WriteLine($"error: {badOut}. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        int threadCount = threads ?? Environment.ProcessorCount;
        // What the run will need, against the machine, before anything is created or run.
        ResourceEstimate estimate = ResourceEstimate.Of(scenario, threadCount);
        long memory;
        long? free;
        try
        {
            memory = Machine.MemoryBytes();
            free = Machine.FreeDiskBytes(dir);
        }
        catch (SettingException ex)
        {
            stderr.WriteLine($"error: {ex.Message}. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        if (!ignoreLimits && estimate.MemoryProblem(memory, threadCount) is { } tooBig)
        {
            stderr.WriteLine($"error: {tooBig}. Nothing was run or written. (--ignore-limits runs it anyway.)");
            return CommandLine.BadInput;
        }
        if (!ignoreLimits && free is { } space && estimate.DiskProblem(space, dir) is { } noRoom)
        {
            stderr.WriteLine($"error: {noRoom}. Nothing was run or written. (--ignore-limits runs it anyway.)");
            return Failures.Environment;
        }
        if (OutputFolder.Prepare(dir) is { } unwritable)
        {
            stderr.WriteLine("error: " + unwritable);
            return Failures.Environment;
        }
        // One run at a time per folder; the lock goes at the end, on Ctrl-C and on an error alike. A shard takes
        // none: its files are its own runs' parts, and a lock holding a process id means nothing on another node.
        string? holder = null;
        using RunLock? held = mode.Slice is null ? RunLock.TryAcquire(dir, stderr.WriteLine, out holder) : null;
        if (held is null && mode.Slice is null)
        {
            stderr.WriteLine($"error: {holder}. Nothing was run or written.");
            return CommandLine.BadInput;
        }
        var runner = new EnsembleRunner(scenario, dir, threadCount, resume)
        {
            Note = stderr.WriteLine,
            Report = scenario.Outputs.Report ? ReportBuilder.Build : null,
            Slice = mode.Slice,
            MergeOnly = mode.MergeOnly,
            Force = force,
        };
        Refusal? refused = mode.Slice is { } slice
            ? Sharding.FolderProblem(dir, force, runner.PlanFingerprint, slice, stdout)
            : FolderProblem(dir, resume, force, runner.PlanFingerprint, stdout);
        if (refused is not null) return refused.Code(stderr);
        if (!quiet)
        {
            stdout.WriteLine($"{scenario.Name}: {Plan.Describe(scenario)}{Sharding.Describe(mode, runner)}, {Plan.Count(threadCount, "thread")}, seed {scenario.Seed}");
            stdout.WriteLine("  " + estimate.Describe(memory == long.MaxValue ? null : memory, free));
        }
        EnsembleResult result;
        try
        {
            result = quiet ? runner.Run(null, cancel) : WithProgress(runner, scenario, stdout, cancel);
        }
        catch (OperationCanceledException)
        {
            int done = runner.Plan.Runs.Count(r => File.Exists(runner.PartPath(r)));
            stderr.WriteLine($"interrupted: {done} of {runner.Plan.Runs.Count} runs are complete in {Path.Combine(dir, EnsembleRunner.PartsFolder)}; run the same command {(mode.Slice is null ? "with --resume " : "again ")}to finish.");
            return CommandLine.Interrupted;
        }
        catch (MissingRunsException ex)
        {
            return Sharding.ReportMissing(ex, dir, stderr);
        }
        catch (ScenarioException ex)
        {
            return ScenarioErrors.Report(ex, stderr);
        }
        if (mode.Slice is { } finished)
        {
            if (!quiet) Sharding.Done(finished, result, stdout);
            return 0;
        }
        if (!quiet)
        {
            PrintTable(scenario, result, stdout);
            stdout.WriteLine($"{result.Runs} runs ({result.Resumed} resumed) in {result.Elapsed.TotalSeconds:F1} s. Wrote:");
            foreach (string f in result.Files) stdout.WriteLine("  " + Path.GetRelativePath(Environment.CurrentDirectory, f));
        }
        return 0;
    }

    /// <summary>A refusal: the message, and whether it is a success (nothing to do) or bad input.</summary>
    internal sealed record Refusal(string Message, int ExitCode)
    {
        public int Code(TextWriter stderr)
        {
            if (Message.Length > 0) stderr.WriteLine(Message);
            return ExitCode;
        }
    }

    /// <summary>
    /// What the output folder holds decides what a run may do there: files with our names that no run of ours wrote
    /// are never replaced; an interrupted run is finished only with --resume (or discarded with --force); earlier
    /// results are replaced only with --force.
    /// </summary>
    private static Refusal? FolderProblem(string dir, bool resume, bool force, string fingerprint, TextWriter stdout)
    {
        const string Nothing = " Nothing was run or written.";
        if (ResultFolder.Obstacle(dir) is { } obstacle) return new($"error: {obstacle}.{Nothing}", CommandLine.BadInput);
        IReadOnlyList<string> foreign = ResultFolder.ForeignOutputs(dir);
        if (foreign.Count > 0)
            return new($"error: {dir} holds {string.Join(", ", foreign)}, which no coprodsim run recorded writing (the folder has no {ResultFiles.ManifestFile} of coprodsim's, or it is unreadable); coprodsim replaces only its own files: move them away or choose another --out.{Nothing}", CommandLine.BadInput);
        PublishJournal? journal = ResultFolder.ReadJournal(dir);
        (int Done, int Total)? interrupted = ResultFolder.InterruptedRuns(dir);
        bool manifest = File.Exists(Path.Combine(dir, ResultFiles.ManifestFile));
        if (force) return null;
        if (journal is not null && !resume)
            return new($"error: {dir} is incomplete: an earlier run (generation {journal.Generation}) was interrupted while replacing its results; run the same command with --resume to finish it, or --force to start afresh.{Nothing}", CommandLine.BadInput);
        if (interrupted is { } runs && !resume)
            return new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"error: {dir} holds an interrupted run ({runs.Done:N0} of {runs.Total:N0} runs complete in {EnsembleRunner.PartsFolder}/); run the same command with --resume to finish it, or --force to discard them and start afresh.{Nothing}"), CommandLine.BadInput);
        if (manifest && !resume)
            return new($"error: {dir} already holds the results of an earlier run ({ResultFiles.ManifestFile}); use --force to replace them, --resume to finish an interrupted run, or choose another --out.{Nothing}", CommandLine.BadInput);
        if (resume && manifest && journal is null && interrupted is null)
        {
            RunManifest? earlier = null;
            try
            {
                earlier = RunManifest.Read(Path.Combine(dir, ResultFiles.ManifestFile));
            }
            catch (InvalidDataException)
            {
            }
            if (earlier?.PlanFingerprint == fingerprint)
            {
                stdout.WriteLine($"{dir} already holds the complete results of this run (generation {earlier.Generation}); nothing to resume.");
                return new("", 0);
            }
            return new($"error: --resume: {dir} holds the complete results of another run (another scenario, seed, replications, --set or version), and no interrupted run; use --force to replace them, or choose another --out.{Nothing}", CommandLine.BadInput);
        }
        return null;
    }

    private static EnsembleResult WithProgress(EnsembleRunner runner, Scenario scenario, TextWriter stdout, CancellationToken cancel)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            // Logs and CI: a line at every tenth of the way, not a redrawn bar.
            int lastTenth = -1;
            var progress = new SynchronousProgress(p =>
            {
                int tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
                if (tenth <= lastTenth) return;
                lastTenth = tenth;
                stdout.WriteLine($"  runs {p.Done}/{p.Total}");
            });
            return runner.Run(progress, cancel);
        }
        EnsembleResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("runs", maxValue: Math.Max(1, scenario.RunCount));
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                    task.Description = $"runs {p.Done}/{p.Total}";
                });
                result = runner.Run(progress, cancel);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>
    /// Reports on the reporting thread at once, one report at a time (runs finish on several threads);
    /// <see cref="Progress{T}"/> would post each report to the thread pool instead.
    /// </summary>
    private sealed class SynchronousProgress(Action<EnsembleProgress> handler) : IProgress<EnsembleProgress>
    {
        private readonly Lock _gate = new();

        public void Report(EnsembleProgress value)
        {
            lock (_gate) handler(value);
        }
    }

    private static readonly (string Metric, string Title, string Format)[] DefaultColumns =
    [
        (MetricCatalog.OutcomeIndex, "outcome 0-100", "F2"),
        (MetricCatalog.PublicCost, "public cost £k/month", "K"),
        (MetricCatalog.EfficiencyPublic, "efficiency pts/£", "F4"),
        (MetricCatalog.ParticipationRate, "participation %", "P"),
        (MetricCatalog.NeedMet, "need met %", "P"),
        (MetricCatalog.OutcomeGap, "gap Q5-Q1", "F2"),
        (MetricCatalog.CarerBurnoutRate, "carer burnout %", "P"),
        (MetricCatalog.TrustMean, "trust 0-1", "F3"),
    ];

    private static void PrintTable(Scenario scenario, EnsembleResult result, TextWriter stdout)
    {
        string differences = Path.Combine(result.Directory, ResultFiles.DifferencesFile);
        bool paired = scenario.Baseline is not null && File.Exists(differences);
        IReadOnlyList<SummaryRow> rows = paired ? ResultFiles.ReadDifferences(differences, scenario.Sweep?.Parameters.Select(p => p.Path).ToArray() ?? []) : result.Summary;
        string title = paired
            ? $"[bold]{Markup.Escape(scenario.Name)}[/]: difference from {Markup.Escape(scenario.Baseline!)} at month {scenario.Model.Horizon}, mean ± 95% CI half-width over {scenario.Replications} paired replications"
            : $"[bold]{Markup.Escape(scenario.Name)}[/]: month {scenario.Model.Horizon}, mean ± 95% CI half-width over {scenario.Replications} replications";
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        var columns = Columns(scenario.Outputs.Metrics);
        table.AddColumn("strategy");
        foreach (SweepParameter p in scenario.Sweep?.Parameters ?? []) table.AddColumn(Markup.Escape(p.Path));
        foreach (var c in columns) table.AddColumn(new TableColumn(Markup.Escape(c.Title)).RightAligned());
        var groups = rows.GroupBy(r => (r.Strategy, string.Join(",", r.SweepValues.Select(Csv.Number)))).ToList();
        const int maxRows = 40;
        foreach (var g in groups.Take(maxRows))
        {
            var cells = new List<string> { Markup.Escape(g.Key.Strategy) };
            cells.AddRange(g.First().SweepValues.Select((v, k) => Markup.Escape(SweepValue.Display(scenario.Sweep!.Parameters[k].Path, v))));
            foreach (var c in columns)
            {
                var e = g.FirstOrDefault(r => r.Metric == c.Metric)?.Estimate;
                cells.Add(e is null ? "" : Format(e.Value, c.Format));
            }
            table.AddRow(cells.ToArray());
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Interactive = InteractionSupport.No });
        // Redirected output (logs, CI) has no width: give the table room rather than wrapping every cell.
        if (Console.IsOutputRedirected || stdout != Console.Out) console.Profile.Width = 240;
        console.Write(table);
        stdout.WriteLine("efficiency: outcome points per GBP of public cost per resident-month. Full results: " + (paired ? "differences.csv, summary.csv" : "summary.csv")
            + (scenario.Outputs.Report ? "; charts: report.html." : "."));
        if (groups.Count > maxRows) stdout.WriteLine($"({groups.Count - maxRows} more rows in {(paired ? "differences.csv" : "summary.csv")})");
    }

    /// <summary>The table's columns: those of <c>outputs.metrics</c>, else the defaults; a metric without a default title is shown by name and unit.</summary>
    private static (string Metric, string Title, string Format)[] Columns(IReadOnlyList<string>? metrics) => metrics is null ? DefaultColumns
        : metrics.Select(m => DefaultColumns.FirstOrDefault(c => c.Metric == m) is { Metric: not null } known ? known : (m, Titled(m), MetricCatalog.Describe(m).Unit == "share" ? "P" : "G5")).ToArray();

    private static string Titled(string metric) => MetricCatalog.Describe(metric).Unit is { Length: > 0 } unit ? $"{metric} ({(unit == "share" ? "%" : unit)})" : metric;

    private static string Format(Experiments.Statistics.Estimate e, string format)
    {
        string F(double x) => format switch
        {
            "P" => (100 * x).ToString("F1", CultureInfo.InvariantCulture),
            "P2" => (100 * x).ToString("F2", CultureInfo.InvariantCulture),
            "K" => (x / 1000).ToString("N0", CultureInfo.InvariantCulture),
            _ => x.ToString(format, CultureInfo.InvariantCulture),
        };
        return double.IsNaN(e.HalfWidth) ? F(e.Mean) : $"{F(e.Mean)} ± {F(e.HalfWidth)}";
    }
}
