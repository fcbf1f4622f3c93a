using System.CommandLine;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Sensitivity;

namespace CoProdSim.Cli;

/// <summary>
/// <c>coprodsim analyse DIR</c>: computes sensitivity.csv of a finished results folder (a sobol or morris sweep)
/// from its manifest and timeseries.csv, e.g. after merging the shards of a cluster run.
/// </summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Output folder of a 'coprodsim run' with a sobol or morris sweep" };
        var command = new Command("analyse", "Compute sensitivity.csv (Sobol' indices or Morris measures) from a finished results folder") { dir };
        command.Aliases.Add("analyze");
        command.SetAction(parse =>
        {
            string d = parse.GetValue(dir)!;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                // Checked first (an interrupted run's folder is refused), and locked while it is written.
                ResultFolderCheck.Check(d);
                using RunLock? held = RunLock.TryAcquire(d, stderr.WriteLine, out string? holder);
                if (held is null)
                {
                    stderr.WriteLine("error: " + holder);
                    return CommandLine.BadInput;
                }
                string path = SensitivityTable.Analyse(d);
                string convergence = Path.Combine(d, SensitivityTable.ConvergenceFileName);
                ResultFolder.UpdateChecksums(d, File.Exists(convergence) ? [SensitivityTable.FileName, SensitivityTable.ConvergenceFileName] : [SensitivityTable.FileName]);
                parse.InvocationConfiguration.Output.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
                return 0;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return CommandLine.BadInput;
            }
        });
        return command;
    }
}
