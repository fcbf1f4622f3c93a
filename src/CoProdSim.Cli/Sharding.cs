using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;

namespace CoProdSim.Cli;

/// <summary>How <c>run</c> runs: every run (the default), one slice of them (<c>--shard I/N</c>), or none, only the final stage (<c>merge</c>).</summary>
internal sealed record RunMode(Shard? Slice = null, bool MergeOnly = false);

/// <summary>
/// What <c>run --shard</c> and <c>merge</c> say and refuse (docs/cluster.md): a shard writes only its own runs' parts
/// into a folder other shards write at the same time, so it checks the folder without touching it; <c>merge</c>
/// names the runs it did not find and the shards to run again.
/// </summary>
internal static class Sharding
{
    /// <summary>Exit code of <c>merge</c> when runs are missing or damaged: nothing was merged; run the shards named again.</summary>
    public const int Incomplete = 3;

    /// <summary>
    /// What the output folder allows a shard to do. Files not ours are never replaced (as for <c>run</c>); the
    /// complete results of this plan mean the shard has nothing to do (a task resubmitted after the merge); the
    /// results of another plan, or an interrupted merge, are replaced only with <c>--force</c>. A plan record of
    /// another plan is checked by the runner, which reads it race-free.
    /// </summary>
    public static RunCommand.Refusal? FolderProblem(string dir, bool force, string fingerprint, Shard slice, TextWriter stdout)
    {
        const string Nothing = " Nothing was run or written.";
        if (ResultFolder.Obstacle(dir) is { } obstacle) return new($"error: {obstacle}.{Nothing}", CommandLine.BadInput);
        IReadOnlyList<string> foreign = ResultFolder.ForeignOutputs(dir);
        if (foreign.Count > 0)
            return new($"error: {dir} holds {string.Join(", ", foreign)}, which no coprodsim run recorded writing; coprodsim replaces only its own files: move them away or choose another --out.{Nothing}", CommandLine.BadInput);
        if (force) return null;
        if (ResultFolder.ReadJournal(dir) is { } journal)
            return new($"error: {dir} is incomplete: a merge (generation {journal.Generation}) was interrupted while publishing the results; finish it with 'coprodsim merge {dir}', or run the shards with --force to start afresh.{Nothing}", CommandLine.BadInput);
        string manifest = Path.Combine(dir, ResultFiles.ManifestFile);
        if (File.Exists(manifest) && ResultFolder.InterruptedRuns(dir) is null)
        {
            RunManifest? earlier = null;
            try
            {
                earlier = RunManifest.Read(manifest);
            }
            catch (InvalidDataException)
            {
            }
            if (earlier?.PlanFingerprint == fingerprint)
            {
                stdout.WriteLine($"{dir} already holds the merged results of this run (generation {earlier.Generation}); shard {slice} has nothing to do.");
                return new("", 0);
            }
            return new($"error: {dir} already holds the results of another run ({ResultFiles.ManifestFile}); run the shards with --force to replace them (the merge replaces the files), or choose another --out.{Nothing}", CommandLine.BadInput);
        }
        return null;
    }

    /// <summary>The part of the plan a shard runs, for the first line it prints (empty for a whole run).</summary>
    public static string Describe(RunMode mode, EnsembleRunner runner)
    {
        if (mode.MergeOnly) return "; merging the runs' parts";
        if (mode.Slice is not { } slice) return "";
        int simulated = runner.SimulatedRuns.Count;
        int mine = slice.Of(runner.SimulatedRuns).Count;
        return string.Create(CultureInfo.InvariantCulture, $"; shard {slice}: {mine:N0} of the {simulated:N0} runs to simulate");
    }

    /// <summary>What a finished shard prints.</summary>
    public static void Done(Shard slice, EnsembleResult result, TextWriter stdout)
    {
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shard {slice}: {Plan.Count(result.Runs, "run")} ({result.Resumed:N0} already done) in {result.Elapsed.TotalSeconds:F1} s, parts in {Path.Combine(result.Directory, EnsembleRunner.PartsFolder)}."));
        stdout.WriteLine($"When every shard is done: coprodsim merge {result.Directory}");
    }

    /// <summary>Prints what <c>merge</c> did not find, and how to run it; returns <see cref="Incomplete"/>.</summary>
    public static int ReportMissing(MissingRunsException ex, string dir, TextWriter stderr)
    {
        stderr.WriteLine($"error: {dir}: {ex.Message}. Nothing was merged.");
        if (ex.Shards is { } n)
        {
            IReadOnlyList<int> shards = ex.ShardIndices;
            stderr.WriteLine($"  with Slurm: coprodsim slurm SCENARIO --out {dir} --resubmit --submit   (the same scenario and options; it runs shards {string.Join(",", shards)} again, then merges)");
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  by hand: coprodsim run SCENARIO --out {dir} --shard {shards[0]}/{n}   (for each shard named), then coprodsim merge {dir}"));
        }
        else
        {
            stderr.WriteLine($"  finish them: coprodsim run SCENARIO --out {dir} --resume   (the same scenario and options)");
        }
        return Incomplete;
    }
}
