using System.CommandLine;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary><c>coprodsim validate FILE</c>: checks a scenario without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario file(s) to check", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string[]>("--set") { Description = "Check with these overrides too: path=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Check scenario files without running them") { files, set };
        command.SetAction(parse =>
        {
            int code = 0;
            foreach (string f in parse.GetValue(files) ?? [])
            {
                try
                {
                    Scenario s = ScenarioLoader.Load(f, parse.GetValue(set));
                    TextWriter stdout = parse.InvocationConfiguration.Output;
                    stdout.WriteLine($"{f}: ok: '{s.Name}', {Plan.Describe(s)}");
                    // What `run` would need here (all cores, results/NAME); a scenario larger than this machine is
                    // still valid (it may be meant for a larger one), so this warns rather than fails.
                    int threads = Environment.ProcessorCount;
                    var estimate = ResourceEstimate.Of(s, threads);
                    string dir = Path.Combine("results", s.Name);
                    long memory = Machine.MemoryBytes();
                    long? free = Machine.FreeDiskBytes(dir);
                    stdout.WriteLine($"  {estimate.Describe(memory == long.MaxValue ? null : memory, free)} on {Plan.Count(threads, "thread")}");
                    if (estimate.MemoryProblem(memory, threads) is { } tooBig) parse.InvocationConfiguration.Error.WriteLine($"{f}: warning: {tooBig}; 'run' would refuse it here");
                    if (free is { } space && estimate.DiskProblem(space, dir) is { } noRoom) parse.InvocationConfiguration.Error.WriteLine($"{f}: warning: {noRoom}; 'run' would refuse it here");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    code = Failures.Report(ex, parse.InvocationConfiguration.Error);
                }
            }
            return code;
        });
        return command;
    }
}
