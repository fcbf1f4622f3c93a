using System.Text.Json;
using CoProdSim.Engine.Random;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;

namespace CoProdSim.Tests.Experiments;

/// <summary>What <c>coprodsim run</c> writes: tidy files, reproducible to the byte, resumable, citable.</summary>
public class RunOutputTests
{
    [Test]
    public void WritesTidyTimeSeriesSummaryAndManifest()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        var (code, output, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string[] ts = File.ReadAllLines(Path.Combine(dir, "timeseries.csv"));
        string[] header = ts[0].Split(',');
        Assert.That(header[..4], Is.EqualTo(new[] { "strategy", "replication", "seed", "tick" }));
        foreach (string c in CoProdSim.Model.Metrics.MetricCatalog.Contract) Assert.That(header, Does.Contain(c));
        // 2 strategies x 3 replications x 13 ticks (0..12), in canonical order.
        Assert.That(ts.Length - 1, Is.EqualTo(2 * 3 * 13));
        Assert.That(ts[1], Does.StartWith("traditional,0,"));
        Assert.That(ts[^1], Does.StartWith("invite,2,"));
        string[] summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.That(summary[0], Is.EqualTo("strategy,metric,mean,sd,ci95_low,ci95_high,n"));
        string outcome = summary.Single(l => l.StartsWith("invite,outcome_index,", StringComparison.Ordinal));
        string[] f = outcome.Split(',');
        double mean = double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), low = double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), high = double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(low, Is.LessThan(mean));
        Assert.That(high, Is.GreaterThan(mean));
        Assert.That(f[6], Is.EqualTo("3"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        JsonElement m = manifest.RootElement;
        Assert.That(m.GetProperty("version").GetString(), Is.EqualTo(ToolVersion.Version));
        Assert.That(m.GetProperty("commit").GetString(), Is.Not.Empty);
        Assert.That(m.GetProperty("scenario_sha256").GetString(), Has.Length.EqualTo(64));
        Assert.That(m.GetProperty("seed").GetUInt64(), Is.EqualTo(99UL));
        Assert.That(m.GetProperty("run_seeds").GetArrayLength(), Is.EqualTo(6));
        Assert.That(m.GetProperty("parameters").GetProperty("population").GetProperty("citizens").GetInt32(), Is.EqualTo(600));
        Assert.That(output, Does.Contain("invite").And.Contain("95% CI"));
        Assert.That(Directory.Exists(Path.Combine(dir, EnsembleRunner.PartsFolder)), Is.False, "parts are removed once the final files exist");
        Assert.That(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void SameSeedReproducesTimeSeriesByteForByteOnAnyThreadCount()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string a = Path.Combine(cli.Folder, "a"), b = Path.Combine(cli.Folder, "b"), c = Path.Combine(cli.Folder, "c"), d = Path.Combine(cli.Folder, "d");
        Assert.That(cli.Run(file, a, threads: 1).Code, Is.Zero);
        Assert.That(cli.Run(file, b, threads: 4).Code, Is.Zero);
        Assert.That(cli.Run(file, c, threads: 2).Code, Is.Zero);
        Assert.That(cli.Run(file, d, seed: 100).Code, Is.Zero);
        byte[] ta = File.ReadAllBytes(Path.Combine(a, "timeseries.csv"));
        Assert.That(File.ReadAllBytes(Path.Combine(b, "timeseries.csv")), Is.EqualTo(ta));
        Assert.That(File.ReadAllBytes(Path.Combine(c, "timeseries.csv")), Is.EqualTo(ta));
        Assert.That(File.ReadAllBytes(Path.Combine(a, "summary.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(b, "summary.csv"))));
        Assert.That(File.ReadAllBytes(Path.Combine(d, "timeseries.csv")), Is.Not.EqualTo(ta), "another seed, other numbers");
    }

    [Test]
    public void SetReachesTheRunAndTheManifest()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string plain = Path.Combine(cli.Folder, "plain"), set = Path.Combine(cli.Folder, "set");
        Assert.That(cli.Run(file, plain).Code, Is.Zero);
        var (code, _, error) = cli.Run(file, set, ["strategies.invite.budget_change=-0.5", "population.citizens=800"]);
        Assert.That(code, Is.Zero, error);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(set, "manifest.json")));
        JsonElement p = manifest.RootElement.GetProperty("parameters");
        Assert.That(p.GetProperty("strategies").GetProperty("invite").GetProperty("budget_change").GetDouble(), Is.EqualTo(-0.5));
        Assert.That(p.GetProperty("strategies").GetProperty("traditional").GetProperty("budget_change").GetDouble(), Is.EqualTo(0.0));
        Assert.That(p.GetProperty("population").GetProperty("citizens").GetInt32(), Is.EqualTo(800));
        Assert.That(manifest.RootElement.GetProperty("overrides").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "strategies.invite.budget_change=-0.5", "population.citizens=800" }));
        // And it changed the numbers: half the budget meets much less of the assessed need.
        double Met(string dir) => Summary(dir, "invite", "need_met");
        Assert.That(Met(set), Is.LessThan(Met(plain) - 0.2));
    }

    [Test]
    public void ReplicationsAreSeededIndependentlyFromTheRootSeed()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        Assert.That(cli.Run(file, dir).Code, Is.Zero);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var seeds = manifest.RootElement.GetProperty("run_seeds").EnumerateArray()
            .Select(e => (Strategy: e.GetProperty("strategy").GetString(), Replication: e.GetProperty("replication").GetInt32(), Seed: e.GetProperty("seed").GetUInt64())).ToList();
        for (int r = 0; r < 3; r++)
        {
            Assert.That(seeds.Where(s => s.Replication == r).Select(s => s.Seed).Distinct().Single(), Is.EqualTo(Mixer.DeriveSeed(99, (ulong)r) & RunPlan.MaxExactSeed), "common random numbers across strategies");
        }
        Assert.That(seeds.Select(s => s.Seed).Distinct().Count(), Is.EqualTo(3), "each replication its own seed");
        // Different replications give different results (they are not copies).
        var finals = File.ReadAllLines(Path.Combine(dir, "timeseries.csv")).Skip(1).Where(l => l.StartsWith("invite,", StringComparison.Ordinal) && l.Split(',')[3] == "12").Select(l => l.Split(',')[4]).ToList();
        Assert.That(finals.Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void ResumeAfterInterruptionGivesTheSameResultAsAnUninterruptedRun()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small.Replace("replications: 3", "replications: 6", StringComparison.Ordinal));
        string whole = Path.Combine(cli.Folder, "whole"), broken = Path.Combine(cli.Folder, "broken");
        Assert.That(cli.Run(file, whole).Code, Is.Zero);

        // Interrupt after a few runs, as Ctrl-C would (the same cancellation token).
        var scenario = CoProdSim.Experiments.Scenarios.ScenarioLoader.Load(file);
        using var cts = new CancellationTokenSource();
        var runner = new EnsembleRunner(scenario, broken, threads: 1, resume: false);
        var progress = new SyncProgress(p => { if (p.Done >= 4) cts.Cancel(); });
        Assert.Catch<OperationCanceledException>(() => runner.Run(progress, cts.Token));
        int kept = Directory.GetFiles(Path.Combine(broken, EnsembleRunner.PartsFolder), "p*.csv").Length;
        Assert.That(kept, Is.InRange(4, 11), "completed runs are kept");
        Assert.That(File.Exists(Path.Combine(broken, "timeseries.csv")), Is.False, "no half-finished result");
        Assert.That(Directory.GetFiles(broken, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no half-written file");

        var (code, output, error) = cli.Run(file, broken, resume: true);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain($"({kept} resumed)"));
        Assert.That(File.ReadAllBytes(Path.Combine(broken, "timeseries.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, "timeseries.csv"))));
        Assert.That(File.ReadAllBytes(Path.Combine(broken, "summary.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, "summary.csv"))));
    }

    [Test]
    public void ResumeRunsDamagedPartsAgainAndSaysWhich()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small.Replace("replications: 3", "replications: 6", StringComparison.Ordinal));
        string whole = Path.Combine(cli.Folder, "whole"), broken = Path.Combine(cli.Folder, "broken"), other = Path.Combine(cli.Folder, "other");
        Assert.That(cli.Run(file, whole).Code, Is.Zero);
        var scenario = CoProdSim.Experiments.Scenarios.ScenarioLoader.Load(file);
        Interrupt(new EnsembleRunner(scenario, broken, threads: 1, resume: false), 8);
        Interrupt(new EnsembleRunner(scenario.WithSeed(5), other, threads: 1, resume: false), 8);
        string parts = Path.Combine(broken, EnsembleRunner.PartsFolder), otherParts = Path.Combine(other, EnsembleRunner.PartsFolder);
        var ids = Directory.GetFiles(parts, "p*.csv").Select(Path.GetFileNameWithoutExtension).Where(id => File.Exists(Path.Combine(otherParts, id + ".csv"))).Order(StringComparer.Ordinal).ToList();
        Assert.That(ids, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(File.Exists(Path.Combine(parts, ids[0] + ".json")), Is.True, "each part has its record");
        File.WriteAllText(Path.Combine(parts, ids[0] + ".csv"), "");
        string cut = Path.Combine(parts, ids[1] + ".csv");
        File.WriteAllText(cut, File.ReadAllText(cut)[..(File.ReadAllText(cut).Length / 2)]);
        string flipped = Path.Combine(parts, ids[2] + ".csv");
        string text = File.ReadAllText(flipped);
        int at = text.IndexOf(",0.", StringComparison.Ordinal) + 3;
        File.WriteAllText(flipped, text[..at] + (text[at] == '9' ? '8' : '9') + text[(at + 1)..]);
        foreach (string ext in new[] { ".csv", ".json" }) File.Copy(Path.Combine(otherParts, ids[3] + ext), Path.Combine(parts, ids[3] + ext), overwrite: true);
        int kept = Directory.GetFiles(parts, "p*.csv").Length;

        var (code, output, error) = cli.Run(file, broken, resume: true);
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("4 damaged runs will be run again: "));
        Assert.That(error, Does.Contain($"{ids[0]} (empty)"));
        Assert.That(error, Does.Match($"{ids[1]} \\(\\d+ of 13 rows\\)"));
        Assert.That(error, Does.Contain($"{ids[2]} (checksum mismatch)"));
        Assert.That(error, Does.Contain($"{ids[3]} (from another plan)"));
        Assert.That(output, Does.Contain($"({kept - 4} resumed)"));
        foreach (string f in new[] { "timeseries.csv", "summary.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(broken, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, f))), f);
    }

    private static void Interrupt(EnsembleRunner runner, int after)
    {
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Done >= after) cts.Cancel(); });
        Assert.Catch<OperationCanceledException>(() => runner.Run(progress, cts.Token));
    }

    [Test]
    public void ASecondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsTheLock()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        Directory.CreateDirectory(dir);
        string lockFile = Path.Combine(dir, RunLock.FileName);
        using (RunLock? first = RunLock.TryAcquire(dir, null, out _))
        {
            Assert.That(first, Is.Not.Null);
            var (code, _, error) = cli.Run(file, dir);
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain($"error: another coprodsim run (pid {Environment.ProcessId}, started ").And.Contain($") is writing {dir}; wait for it or choose another --out"));
            Assert.That(File.Exists(lockFile), Is.True, "the holder's lock is left alone");
        }
        Assert.That(File.Exists(lockFile), Is.False, "released");
        var done = cli.Run(file, dir);
        Assert.That(done.Code, Is.Zero, done.Error);
        Assert.That(File.Exists(lockFile), Is.False, "removed at the end");
    }

    [Test]
    public void AStaleLockIsTakenOverWithANote()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        Directory.CreateDirectory(dir);
        string lockFile = Path.Combine(dir, RunLock.FileName);
        File.WriteAllText(lockFile, "{\"pid\": 2147483000, \"started\": \"2026-01-01T00:00:00Z\"}");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("taking over the lock").And.Contain("pid 2147483000"));
        Assert.That(File.Exists(lockFile), Is.False);
    }

    [Test]
    public void TheLockIsRemovedOnInterruptionAndOnError()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var (code, _, error) = cli.Run(file, dir, cancel: cts.Token);
        Assert.That(code, Is.EqualTo(130), error);
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False, "removed on Ctrl-C");
        var refused = cli.Run(file, dir, seed: 5, resume: true);
        Assert.That(refused.Code, Is.EqualTo(2), refused.Error);
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False, "removed on an error");
    }

    [Test]
    public void AnEarlierRunsResultsAreReplacedOnlyWithForce()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        Assert.That(cli.Run(file, dir).Code, Is.Zero);
        var before = Directory.GetFiles(dir).ToDictionary(f => f, File.ReadAllBytes);
        var (code, _, error) = cli.Run(file, dir, seed: 7);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("already holds the results of an earlier run (manifest.json); use --force to replace them, --resume to finish an interrupted run, or choose another --out"));
        Assert.That(Directory.GetFiles(dir).ToDictionary(f => f, File.ReadAllBytes), Is.EqualTo(before), "untouched");
        var forced = cli.Run(file, dir, seed: 7, force: true);
        Assert.That(forced.Code, Is.Zero, forced.Error);
        var viaCommandLine = cli.Invoke("run", file, "--out", dir, "--force", "--quiet", "--threads", "2");
        Assert.That(viaCommandLine.Code, Is.Zero, viaCommandLine.Error);
    }

    [TestCase("/")]
    [TestCase("/usr")]
    [TestCase("/tmp/")]
    public void SystemFoldersAreRefused(string dir)
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("is a system folder"));
    }

    [Test]
    public void OnlyOurOwnFilesAreDeletedAndOrphanedTemporaryFilesAreRemoved()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out"), parts = Path.Combine(dir, EnsembleRunner.PartsFolder);
        Directory.CreateDirectory(parts);
        string orphan = Path.Combine(dir, $".timeseries.csv.2147483000.{Guid.NewGuid():N}.tmp");
        string orphanPart = Path.Combine(parts, $".p00000-s000-r00000.csv.2147483000.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(dir, $".summary.csv.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string theirs = Path.Combine(parts, "notes.txt"), alsoTheirs = Path.Combine(dir, "keep.txt");
        foreach (string f in new[] { orphan, orphanPart, live, theirs, alsoTheirs }) File.WriteAllText(f, "x");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(orphan) || File.Exists(orphanPart), Is.False, "a killed process's temporary files are removed");
        Assert.That(File.Exists(live), Is.True, "a living process's temporary file is left");
        Assert.That(File.Exists(theirs) && File.Exists(alsoTheirs), Is.True, "files not ours are kept");
        Assert.That(Directory.GetFiles(parts), Is.EqualTo(new[] { theirs }), "our parts are removed, the folder kept for the file not ours");
    }

    [Test]
    public void ResumeRefusesRunsMadeWithOtherSettings()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        var scenario = CoProdSim.Experiments.Scenarios.ScenarioLoader.Load(file);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Done >= 2) cts.Cancel(); });
        Assert.Catch<OperationCanceledException>(() => new EnsembleRunner(scenario, dir, 1, false).Run(progress, cts.Token));
        var (code, _, error) = cli.Run(file, dir, seed: 5, resume: true);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--resume: the runs in"));
    }

    [Test]
    public void MoreReplicationsNarrowTheConfidenceBand()
    {
        using var cli = new CliHarness();
        string file = cli.Write("small.yaml", CliHarness.Small);
        string few = Path.Combine(cli.Folder, "few"), many = Path.Combine(cli.Folder, "many");
        Assert.That(cli.Run(file, few, replications: 4).Code, Is.Zero);
        Assert.That(cli.Run(file, many, replications: 16).Code, Is.Zero);
        double Width(string dir, string metric)
        {
            string[] f = File.ReadAllLines(Path.Combine(dir, "summary.csv")).Single(l => l.StartsWith($"invite,{metric},", StringComparison.Ordinal)).Split(',');
            return double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture) - double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture);
        }
        // The half-width falls as t(n-1)/sqrt(n): from 4 to 16 replications by about 2.5 times.
        foreach (string metric in new[] { "outcome_index", "participation_rate", "citizen_hours" })
            Assert.That(Width(many, metric), Is.LessThan(0.7 * Width(few, metric)), metric);
    }

    [Test]
    public void GridSweepRunsEveryPointAndWritesSweptColumns()
    {
        using var cli = new CliHarness();
        string yaml = CliHarness.Small + "\nsweep:\n  parameters:\n    strategy.budget_change: {values: [-0.2, 0]}\n    behaviour.trust_gain: {min: 0.05, max: 0.15, steps: 3}\n";
        string file = cli.Write("sweep.yaml", yaml);
        string dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string[] ts = File.ReadAllLines(Path.Combine(dir, "timeseries.csv"));
        Assert.That(ts[0], Does.StartWith("strategy,replication,seed,tick,strategy.budget_change,behaviour.trust_gain,outcome_index"));
        Assert.That(ts.Length - 1, Is.EqualTo(6 * 2 * 3 * 13));
        var points = ts.Skip(1).Select(l => string.Join(',', l.Split(',')[4..6])).Distinct().ToList();
        Assert.That(points, Has.Count.EqualTo(6));
        Assert.That(points, Does.Contain("-0.2,0.1"));
        string[] summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.That(summary[0], Is.EqualTo("strategy,strategy.budget_change,behaviour.trust_gain,metric,mean,sd,ci95_low,ci95_high,n"));
        // The budget change reached the runs: a 20% cut meets less of the assessed need.
        double met(string point) => double.Parse(summary.Single(l => l.StartsWith($"traditional,{point},need_met,", StringComparison.Ordinal)).Split(',')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(met("-0.2,0.05"), Is.LessThan(met("0,0.05") - 0.05));
    }

    [Test]
    public void LatinHypercubeSamplesEachStratumOnce()
    {
        var parameters = new[]
        {
            new CoProdSim.Experiments.Scenarios.SweepParameter("strategy.recognition", 0, 1, 0, null, false),
            new CoProdSim.Experiments.Scenarios.SweepParameter("behaviour.trust_gain", 0.05, 0.25, 0, null, false),
        };
        var points = CoProdSim.Experiments.Scenarios.SweepPoints.Generate(CoProdSim.Experiments.Scenarios.SweepMethod.LatinHypercube, parameters, 10, 7);
        Assert.That(points, Has.Count.EqualTo(10));
        for (int k = 0; k < 2; k++)
        {
            var strata = points.Select(p => (int)((p[k] - parameters[k].Min) / (parameters[k].Max - parameters[k].Min) * 10)).Order().ToList();
            Assert.That(strata, Is.EqualTo(Enumerable.Range(0, 10)), $"parameter {k}: one point per stratum");
        }
        Assert.That(CoProdSim.Experiments.Scenarios.SweepPoints.Generate(CoProdSim.Experiments.Scenarios.SweepMethod.LatinHypercube, parameters, 10, 7), Is.EqualTo(points), "deterministic");
    }

    private static double Summary(string dir, string strategy, string metric) =>
        double.Parse(File.ReadAllLines(Path.Combine(dir, "summary.csv")).Single(l => l.StartsWith($"{strategy},{metric},", StringComparison.Ordinal)).Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);

    private sealed class SyncProgress(Action<EnsembleProgress> action) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => action(value);
    }
}
