using System.CommandLine;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;

namespace CoProdSim.Cli;

/// <summary>
/// <c>coprodsim merge DIR</c>: the final stage of a run made in shards (<c>run --shard I/N</c>, a Slurm job array).
/// It rebuilds the plan from <c>DIR/.runs/plan.json</c> (scenario file, its SHA-256, <c>--set</c>, seed,
/// replications) and runs <c>run --resume</c>'s code with nothing left to simulate: every run's part is checked
/// against its record, then timeseries, summary, differences, sensitivity, manifest and report are written and
/// published exactly as a one-machine run writes them. A run missing or damaged stops it (exit 3), naming the runs
/// and the shards to run again.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The output folder the shards wrote (their --out)" };
        var threads = new Option<int?>("--threads", "-t") { Description = "Threads [default: all cores]; results do not depend on it" };
        var ignoreLimits = new Option<bool>("--ignore-limits") { Description = "Merge even when the estimated memory or disk space exceeds this machine's" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors" };
        var command = new Command("merge", "Check that every run of a sharded run is in DIR, whole, then write its outputs as a one-machine run would")
        {
            dir, threads, ignoreLimits, quiet,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Execute(parse.GetValue(dir)!, parse.GetValue(threads), parse.GetValue(quiet),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancel, parse.GetValue(ignoreLimits))));
        return command;
    }

    /// <summary>Merges the parts in <paramref name="dir"/>; 0, 1, 2, or <see cref="Sharding.Incomplete"/> when runs are missing.</summary>
    public static int Execute(string dir, int? threads, bool quiet, TextWriter stdout, TextWriter stderr, CancellationToken cancel, bool ignoreLimits = false) =>
        Failures.Guard(stderr, () =>
        {
            const string Nothing = " Nothing was merged.";
            if (!Directory.Exists(dir))
            {
                stderr.WriteLine($"error: {dir}: {(File.Exists(dir) ? "is a file, not an output folder" : "folder not found")}; give the --out of the shards.{Nothing}");
                return CommandLine.BadInput;
            }
            string planPath = Path.Combine(dir, EnsembleRunner.PartsFolder, PlanFile.FileName);
            PlanFile? plan;
            try
            {
                plan = PlanFile.Read(planPath);
            }
            catch (InvalidDataException ex)
            {
                stderr.WriteLine($"error: {ex.Message}; the runs cannot be tied to a scenario: run the shards again with --force.{Nothing}");
                return CommandLine.BadInput;
            }
            if (plan is null)
            {
                string manifest = Path.Combine(dir, ResultFiles.ManifestFile);
                if (File.Exists(manifest) && ResultFolder.ReadJournal(dir) is null)
                {
                    string generation = "";
                    try
                    {
                        generation = $" (generation {RunManifest.Read(manifest).Generation})";
                    }
                    catch (InvalidDataException)
                    {
                    }
                    stdout.WriteLine($"{dir} already holds merged results{generation} and no runs to merge; nothing to do.");
                    return 0;
                }
                stderr.WriteLine($"error: {dir} holds no runs to merge (no {Path.Combine(EnsembleRunner.PartsFolder, PlanFile.FileName)}): run the shards first, 'coprodsim run SCENARIO --out {dir} --shard I/N' for I = 0 .. N-1.{Nothing}");
                return CommandLine.BadInput;
            }
            if (plan.Scenario is not { Length: > 0 } scenario)
            {
                stderr.WriteLine($"error: {planPath} does not name its scenario file (an older coprodsim wrote it): finish with 'coprodsim run SCENARIO --out {dir} --resume'.{Nothing}");
                return CommandLine.BadInput;
            }
            if (!File.Exists(scenario))
            {
                stderr.WriteLine($"error: {scenario}: file not found; the runs in {dir} were made from it ({planPath}): put it back (the same bytes), or finish with 'coprodsim run SCENARIO --out {dir} --resume'.{Nothing}");
                return CommandLine.BadInput;
            }
            string now = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(scenario)));
            if (plan.ScenarioSha256 is { } recorded && !string.Equals(now, recorded, StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine($"error: {scenario} has changed since the runs in {dir} were made (SHA-256 {recorded[..12]}... recorded, {now[..12]}... now): put back the file they were made from, or run them again with --force.{Nothing}");
                return CommandLine.BadInput;
            }
            // The final stage of a one-machine run, with nothing left to simulate: byte-identical outputs by construction.
            return RunCommand.Execute(scenario, dir, plan.Seed, plan.Replications, threads, [.. plan.Overrides ?? []], resume: true, quiet, stdout, stderr, cancel,
                force: false, ignoreLimits, new RunMode(MergeOnly: true));
        });
}
