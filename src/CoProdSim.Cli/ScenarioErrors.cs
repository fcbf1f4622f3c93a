using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>Prints scenario errors in the FILE:LINE:COLUMN form, one per line, on standard error.</summary>
internal static class ScenarioErrors
{
    public static int Report(ScenarioException ex, TextWriter error)
    {
        foreach (ScenarioError e in ex.Errors) error.WriteLine(e.ToString());
        error.WriteLine(ex.Errors.Count == 1 ? "1 error; nothing was run or written." : $"{ex.Errors.Count} errors; nothing was run or written.");
        return CommandLine.BadInput;
    }
}
