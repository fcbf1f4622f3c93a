using System.CommandLine;
using CoProdSim.Experiments.Designs;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>
/// <c>coprodsim design FILE</c>: writes the points of a scenario's sweep as CSV (a header of parameter paths, one
/// row per point) without running anything, for inspection, for other tools, or for a <c>file</c> sweep.
/// </summary>
internal static class DesignCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML) with a sweep" };
        var output = new Option<string?>("--out", "-o") { Description = "CSV file to write [default: standard output]" };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, replacing the scenario's (sampled designs are drawn from it)" };
        var set = new Option<string[]>("--set") { Description = "Set a parameter: path=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("design", "Write the points of a scenario's sweep as CSV, without running") { file, output, seed, set };
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.Load(parse.GetValue(file)!, parse.GetValue(set));
            }
            catch (ScenarioException ex)
            {
                return ScenarioErrors.Report(ex, stderr);
            }
            if (parse.GetValue(seed) is { } root) scenario = scenario.WithSeed(root);
            if (scenario.Sweep is not { } sweep)
            {
                stderr.WriteLine($"{scenario.SourcePath}: error: the scenario has no sweep, so no design to write");
                return CommandLine.BadInput;
            }
            string csv = FileDesign.Write(sweep.Parameters, sweep.Points);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, csv);
                stdout.WriteLine($"Wrote {path}: {Plan.Count(sweep.Points.Count, "point")} of {Plan.Count(sweep.Parameters.Count, "parameter")} ({Design.NameOf(sweep.Method)})");
            }
            else stdout.Write(csv);
            return 0;
        });
        return command;
    }
}
