using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>Prints scenario errors in the FILE:LINE:COLUMN form, one per line, on standard error.</summary>
internal static class ScenarioErrors
{
    public static int Report(ScenarioException ex, TextWriter error)
    {
        foreach (ScenarioError e in ex.Errors) error.WriteLine(e.ToString());
        int total = ex.Errors.Count + ex.Unlisted - (ex.Unlisted > 0 ? 1 : 0); // the "and N more" line is not an error
        error.WriteLine(total == 1 ? "1 error; nothing was run or written." : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{total:N0} errors; nothing was run or written."));
        return CommandLine.BadInput;
    }
}
