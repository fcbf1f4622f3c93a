using System.CommandLine;
using CoProdSim.Charts;
using CoProdSim.Experiments.Output;
using CoProdSim.Model.Metrics;

namespace CoProdSim.Cli;

/// <summary><c>coprodsim report DIR</c>: rebuilds report.html from an earlier run's CSVs and manifest.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Output folder of an earlier 'coprodsim run', e.g. results/compare-strategies" };
        var command = new Command("report", "Rebuild the self-contained HTML report from an earlier run's outputs") { dir };
        command.SetAction(parse =>
        {
            string d = parse.GetValue(dir) ?? "";
            return Failures.Guard(parse.InvocationConfiguration.Error, () =>
            {
                // The folder is checked (ResultFolderCheck) before anything is read from it or written to it.
                ResultFolderCheck.Check(d);
                ResultFolderCheck.RequireMetrics(d, [.. MetricCatalog.Names([]), .. RunManifest.Read(Path.Combine(d, ResultFiles.ManifestFile)).HeadlineMetrics ?? []]);
                // A run publishing into the folder, or another report, must not write report.html at the same time.
                using RunLock? held = RunLock.TryAcquire(d, parse.InvocationConfiguration.Error.WriteLine, out string? holder);
                if (held is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine("error: " + holder);
                    return CommandLine.BadInput;
                }
                OwnFiles.RemoveOrphans(d); // a temporary report.html of a report or run that was killed
                string path = ReportBuilder.Build(d);
                parse.InvocationConfiguration.Output.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)} ({new FileInfo(path).Length / 1024:N0} KiB)");
                return 0;
            });
        });
        return command;
    }
}
