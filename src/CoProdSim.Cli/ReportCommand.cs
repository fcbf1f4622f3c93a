using System.CommandLine;
using CoProdSim.Charts;
using CoProdSim.Experiments.Output;
using CoProdSim.Model.Metrics;

namespace CoProdSim.Cli;

/// <summary>
/// <c>coprodsim report DIR [DIR2] [--out OUT] [--pdf]</c>: rebuilds report.html from an earlier run's CSVs and
/// manifest; with two folders, one report comparing them (written to --out); with --pdf, report.pdf beside it,
/// printed by the system's Chromium.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("DIR")
        {
            Description = "Output folder of an earlier 'coprodsim run', e.g. results/compare-strategies; give two folders (e.g. before and after a change) to compare them in one report",
            Arity = new ArgumentArity(1, 2),
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write report.html into [default: DIR itself; needed with two folders]" };
        var pdf = new Option<bool>("--pdf") { Description = "Also write report.pdf, printed by the system's Chromium (A4/Letter print layout)" };
        var command = new Command("report", "Rebuild the self-contained HTML report from an earlier run's outputs, or compare two runs") { dirs, output, pdf };
        command.SetAction(parse =>
        {
            string[] d = parse.GetValue(dirs) ?? [];
            string? outDir = parse.GetValue(output);
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            return Failures.Guard(stderr, () =>
            {
                if (d.Length == 2 && outDir is null)
                {
                    stderr.WriteLine("error: comparing two folders needs --out DIR, the folder to write the comparison's report.html into, e.g. --out results/compare-before-after");
                    return CommandLine.BadInput;
                }
                // The folders are checked (ResultFolderCheck) before anything is read from them or written.
                foreach (string dir in d) Check(dir);
                if (outDir is not null)
                {
                    if (OutputFolder.Problem(outDir, fromOption: true) is { } bad)
                    {
                        stderr.WriteLine("error: " + bad);
                        return CommandLine.BadInput;
                    }
                    if (OutputFolder.Prepare(outDir) is { } unwritable)
                    {
                        stderr.WriteLine("error: " + unwritable);
                        return Failures.Environment;
                    }
                }
                // A run publishing into the folder written, or another report, must not write report.html at the same time.
                string written = outDir ?? d[0];
                using RunLock? held = RunLock.TryAcquire(written, stderr.WriteLine, out string? holder);
                if (held is null)
                {
                    stderr.WriteLine("error: " + holder);
                    return CommandLine.BadInput;
                }
                OwnFiles.RemoveOrphans(written); // a temporary report.html of a report or run that was killed
                string path = d.Length == 2 ? ReportBuilder.BuildComparison(d[0], d[1], outDir!)
                    : outDir is null ? ReportBuilder.Build(d[0]) : ReportBuilder.BuildInto(d[0], outDir);
                stdout.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)} ({new FileInfo(path).Length / 1024:N0} KiB)");
                if (!parse.GetValue(pdf)) return 0;
                string? chromium = PdfPrinter.FindChromium();
                if (chromium is null)
                {
                    stderr.WriteLine($"error: --pdf needs Chromium or Google Chrome, and none was found (looked for {string.Join(", ", PdfPrinter.Candidates)} on PATH, and $CHROMIUM). Install it (e.g. apt-get install chromium), or set CHROMIUM=/path/to/chrome, or open {Path.GetFileName(path)} in a browser and print it to PDF. The HTML report was written.");
                    return Failures.Environment;
                }
                string pdfPath = PdfPrinter.Print(chromium, path);
                stdout.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, pdfPath)} ({new FileInfo(pdfPath).Length / 1024:N0} KiB)");
                return 0;
            });
        });
        return command;
    }

    private static void Check(string d)
    {
        ResultFolderCheck.Check(d);
        ResultFolderCheck.RequireMetrics(d, [.. MetricCatalog.Names([]), .. RunManifest.Read(Path.Combine(d, ResultFiles.ManifestFile)).HeadlineMetrics ?? []]);
    }
}
