using System.Diagnostics;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using static CoProdSim.Tests.Experiments.ResultFolderHarness;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// Limits are checked before anything runs: the estimated memory and disk space against the machine (played small
/// through COPRODSIM_MEMORY_LIMIT and COPRODSIM_DISK_LIMIT, so the tests do not depend on this machine), with an
/// error that says what to change and nothing created; the estimates themselves against what a run really takes;
/// and a real full disk and a read-only file system (a small tmpfs, where mounting is permitted).
/// </summary>
[NonParallelizable]
public class ResourceLimitTests
{
    private CliHarness _cli = null!;
    private string _earlier = "";
    private Dictionary<string, string> _earlierBytes = [];

    [OneTimeSetUp]
    public void MakeEarlierResults()
    {
        _cli = new CliHarness();
        _earlier = Path.Combine(_cli.Folder, "earlier");
        Assert.That(_cli.Run(_cli.Write("small.yaml", CliHarness.Small), _earlier).Code, Is.Zero);
        _earlierBytes = Visible(_earlier);
    }

    [OneTimeTearDown]
    public void Clean() => _cli.Dispose();

    [TearDown]
    public void NoLimits()
    {
        Environment.SetEnvironmentVariable(Machine.MemoryVariable, null);
        Environment.SetEnvironmentVariable(Machine.DiskVariable, null);
    }

    private static string Scenario(int citizens, int replications, string strategies = "[traditional, four-cos]", int horizon = 12) =>
        $"name: big\nhorizon: {horizon}\nreplications: {replications}\npopulation: {{citizens: {citizens}, neighbourhoods: 10}}\nstrategies: {strategies}\noutputs: {{report: false}}\n";

    private static IEnumerable<TestCaseData> TooLargeCases()
    {
        TestCaseData Case(string name, string yaml, int threads, string memory, string disk, int code, string message) =>
            new TestCaseData(yaml, threads, memory, disk, code, message).SetName($"TooLarge({name})");
        yield return Case("a population too large for one model", Scenario(5_000_000, 2), 1, "400M", "", 2, "population.citizens at most ");
        yield return Case("a limit written as 400MB", Scenario(5_000_000, 2), 1, "400MB", "", 2, "population.citizens at most ");
        yield return Case("too many models at once", Scenario(2_000_000, 8), 4, "1200M", "", 2, "use --threads 2 (each thread runs one model at a time)");
        yield return Case("too many runs to keep", Scenario(100, 100_000, "[traditional, four-cos, inside-out, equity-targeted, cost-cutting]", 1), 1, "600M", "", 2, "fewer runs (replications, sweep points or strategies)");
        yield return Case("outputs larger than the disk", Scenario(200, 50), 1, "", "100K", 1, "set outputs: {timeseries: false} (saves ");
        yield return Case("a limit that is not a size", Scenario(200, 2), 1, "lots", "", 2, "COPRODSIM_MEMORY_LIMIT: 'lots' is not a size; allowed: bytes, or a number with K, M, G or T (powers of 1,024; KB, GiB and the like also read), e.g. 16G");
        yield return Case("a negative disk limit", Scenario(200, 2), 1, "", "-5G", 2, "COPRODSIM_DISK_LIMIT: '-5G' is not a size");
    }

    /// <summary>Refused before anything runs or is created, with what to change; the earlier results untouched; --ignore-limits overrides the estimates.</summary>
    [TestCaseSource(nameof(TooLargeCases))]
    public void TooLarge(string yaml, int threads, string memory, string disk, int code, string message)
    {
        string file = _cli.Write("big.yaml", yaml);
        if (memory.Length > 0) Environment.SetEnvironmentVariable(Machine.MemoryVariable, memory);
        if (disk.Length > 0) Environment.SetEnvironmentVariable(Machine.DiskVariable, disk);
        string fresh = Path.Combine(_cli.Folder, "fresh-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();
        foreach (string dir in new[] { fresh, _earlier })
        {
            var r = _cli.Invoke("run", file, "--out", dir, "--threads", $"{threads}", "--force");
            Assert.That(r.Code, Is.EqualTo(code), r.Error);
            Assert.That(r.Error, Does.StartWith("error: ").And.Contain(message));
            Assert.That(r.Error, Does.Contain("Nothing was run or written"));
            Assert.That(r.Error, Does.Not.Contain("   at "));
        }
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(20), "refused at once, not after running");
        Assert.That(Directory.Exists(fresh), Is.False, "nothing is created");
        Assert.That(Visible(_earlier), Is.EqualTo(_earlierBytes), "the earlier results are byte-identical");
        if (code == 1)
        {
            // The estimate is an estimate: --ignore-limits runs it anyway.
            var forced = _cli.Invoke("run", file, "--out", fresh, "--threads", "2", "--ignore-limits", "--quiet");
            Assert.That(forced.Code, Is.Zero, forced.Error);
        }
    }

    [Test]
    public void ValidatePrintsTheEstimatesAndWarnsWithoutFailing()
    {
        string file = _cli.Write("big.yaml", Scenario(5_000_000, 2));
        var fits = _cli.Invoke("validate", file);
        Assert.That(fits.Code, Is.Zero, fits.Error);
        Assert.That(fits.Out, Does.Match(@"estimated peak memory [\d.]+ (MB|GB) \(this machine: [\d.]+ (MB|GB|TB)\), disk [\d.]+ (KB|MB) \([\d.]+ (MB|GB|TB) free\)"));
        Environment.SetEnvironmentVariable(Machine.MemoryVariable, "400M");
        var warned = _cli.Invoke("validate", file);
        Assert.That(warned.Code, Is.Zero, "a scenario larger than this machine is still a valid scenario");
        Assert.That(warned.Error, Does.Contain(": warning: the run would need about ").And.Contain("'run' would refuse it here"));
    }

    /// <summary>
    /// The memory estimate of one model is an upper bound on the heap the model really holds, and not far above it
    /// (within 30%), for several populations, domain counts and contacts: it follows the model's state.
    /// </summary>
    [TestCase(300_000, 4, 6)]
    [TestCase(200_000, 8, 6)]
    [TestCase(200_000, 4, 20)]
    [Category("Slow")]
    public void TheMemoryEstimateBoundsTheModelsHeap(int citizens, int domains, int contacts)
    {
        string doms = domains == 4 ? "" : "domains: {" + string.Join(", ", Enumerable.Range(0, domains).Select(i => $"d{i}: {{}}")) + "}\n";
        string file = _cli.Write("mem.yaml", $"name: mem\nhorizon: 2\npopulation: {{citizens: {citizens}, neighbourhoods: 20, contacts: {contacts}}}\n{doms}strategies: [four-cos]\n");
        Scenario scenario = ScenarioLoader.Load(file, []);
        var estimate = ResourceEstimate.Of(scenario, 1);
        var factory = new CoProductionFactory(scenario);
        RunSpec run = new RunPlan(scenario).Runs[0];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var model = factory.Create(run, 1);
        new CoProdSim.Engine.Simulation(model, 1).Run(1, null, CancellationToken.None);
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(model);
        Assert.That(estimate.ModelBytes, Is.GreaterThanOrEqualTo(held), $"estimate {estimate.ModelBytes:N0} bytes, measured {held:N0}");
        Assert.That(estimate.ModelBytes, Is.LessThanOrEqualTo(held * 1.3), $"estimate {estimate.ModelBytes:N0} bytes, measured {held:N0}");
    }

    /// <summary>The disk estimate bounds what a run writes (parts, then the final files), and not by more than three times.</summary>
    [TestCase("name: d\nhorizon: 24\nreplications: 4\npopulation: {citizens: 300, neighbourhoods: 4}\nstrategies: [traditional, four-cos]\noutputs: {report: false}\n")]
    [TestCase("name: d\nhorizon: 12\nreplications: 2\npopulation: {citizens: 300, neighbourhoods: 4}\nstrategies: [traditional]\nsweep:\n  parameters:\n    strategy.recognition: {min: 0, max: 1, steps: 3}\noutputs: {report: false, format: [csv, parquet]}\n")]
    public void TheDiskEstimateBoundsWhatARunWrites(string yaml)
    {
        string file = _cli.Write("disk.yaml", yaml);
        var estimate = ResourceEstimate.Of(ScenarioLoader.Load(file, []), 2);
        string dir = Path.Combine(_cli.Folder, "disk-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.That(_cli.Run(file, dir).Code, Is.Zero);
        long series = new FileInfo(Path.Combine(dir, ResultFiles.TimeSeriesFile)).Length;
        long all = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
        // The parts are timeseries.csv's rows without its header.
        Assert.That(estimate.PartBytes, Is.InRange(series, 3 * series));
        Assert.That(estimate.DiskBytes, Is.InRange(series + all, 3 * (series + all)));
    }

    // ---- a real full disk and a read-only file system ----

    /// <summary>Mounts a tmpfs of <paramref name="size"/> at a new folder; null where mounting is not permitted.</summary>
    private string? Mount(string size)
    {
        string dir = Path.Combine(_cli.Folder, "fs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var (code, _) = Shell("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", dir);
            return code == 0 ? dir : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static (int Code, string Error) Shell(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, error);
    }

    [Test]
    public void AFullDiskIsAnEnvironmentErrorAndKeepsTheEarlierResults()
    {
        string? fs = Mount("2m");
        if (fs is null) Assert.Ignore("mounting a tmpfs is not permitted here");
        try
        {
            string dir = Path.Combine(fs, "results");
            Copy(_earlier, dir);
            Dictionary<string, string> before = Visible(dir);
            string file = _cli.Write("fill.yaml", Scenario(200, 60, horizon: 24));
            // Refused by the estimate first, then, with --ignore-limits, by the disk itself.
            var refused = _cli.Invoke("run", file, "--out", dir, "--force");
            Assert.That(refused.Code, Is.EqualTo(1), refused.Error);
            Assert.That(refused.Error, Does.Contain("free on the file system of " + dir));
            var full = _cli.Invoke("run", file, "--out", dir, "--force", "--ignore-limits", "--quiet");
            Assert.That(full.Code, Is.EqualTo(1), full.Error);
            Assert.That(full.Error, Does.StartWith("error: the disk is full: free some space and run again (with --resume to keep completed runs)"));
            Assert.That(full.Error, Does.Not.Contain("   at ").And.Not.Contain("fault in coprodsim"));
            Assert.That(Visible(dir), Is.EqualTo(before), "the earlier results are byte-identical");
            Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False);
            Assert.That(ResultSet.Load(dir).Strategies, Has.Count.EqualTo(2), "and still readable");
            // The completed runs stay for --resume; the disk is still full, which a report meets in words too.
            var report = _cli.Invoke("report", dir);
            Assert.That(report.Code, Is.EqualTo(1));
            Assert.That(report.Error, Does.StartWith("error: the disk is full"));
            Assert.That(Visible(dir), Is.EqualTo(before));
        }
        finally
        {
            Shell("umount", fs);
        }
    }

    [Test]
    public void AReadOnlyFileSystemIsAnEnvironmentError()
    {
        string? fs = Mount("4m");
        if (fs is null) Assert.Ignore("mounting a tmpfs is not permitted here");
        try
        {
            string dir = Path.Combine(fs, "results");
            Copy(_earlier, dir);
            Dictionary<string, string> before = Visible(dir);
            Assert.That(Shell("mount", "-o", "remount,ro", fs).Code, Is.Zero);
            string file = _cli.Write("small.yaml", CliHarness.Small);
            foreach (string[] args in new[] { new[] { "run", file, "--out", dir, "--force" }, ["run", file, "--out", Path.Combine(fs, "new")], ["report", dir] })
            {
                var r = _cli.Invoke(args);
                Assert.That(r.Code, Is.EqualTo(1), string.Join(' ', args) + ": " + r.Error);
                Assert.That(r.Error, Does.StartWith("error: ").And.Contain("ead-only file system"));
                Assert.That(r.Error, Does.Not.Contain("   at ").And.Not.Contain("fault in coprodsim"));
            }
            Assert.That(Visible(dir), Is.EqualTo(before));
        }
        finally
        {
            Shell("umount", fs);
        }
    }
}
