using System.CommandLine;
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
                    parse.InvocationConfiguration.Output.WriteLine($"{f}: ok: '{s.Name}', {Plan.Describe(s)}");
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
