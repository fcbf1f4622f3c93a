using CoProdSim.Experiments.Output;
using static CoProdSim.Tests.Experiments.ResultFolderHarness;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// A results folder is replaced as a unit: a run that fails or is killed at any stage (a run, the CSVs, the report,
/// the publish) leaves either the previous results byte for byte, or a folder marked incomplete that 'report'
/// refuses and 'run --resume' finishes, never files from two runs; and the resumed folder holds the same bytes as
/// an uninterrupted run. Failures are injected at named points (COPRODSIM_TEST_FAULT): in-process as an I/O error,
/// and in the built command as a real SIGKILL, from inside (at an exact point) and from outside.
/// </summary>
[NonParallelizable]
public class CrashSafetyTests
{
    private CliHarness _cli = null!;
    private string _file = "";
    private string _earlier = "";   // the previous results (seed 7), copied into each case's folder
    private string _reference = ""; // an uninterrupted run of seed 99: what every resumed run must equal

    private const int NewSeed = 99, OldSeed = 7;

    [OneTimeSetUp]
    public void MakeFolders()
    {
        _cli = new CliHarness();
        // The report on: it is one of the stages a run can be interrupted in.
        _file = _cli.Write("small.yaml", CliHarness.Small.Replace("  report: false", "  report: true", StringComparison.Ordinal));
        _earlier = Path.Combine(_cli.Folder, "earlier");
        _reference = Path.Combine(_cli.Folder, "reference");
        Assert.That(_cli.Run(_file, _earlier, seed: OldSeed).Code, Is.Zero);
        var (code, _, error) = _cli.Run(_file, _reference, seed: NewSeed);
        Assert.That(code, Is.Zero, error);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        Fault.Override = null;
        _cli.Dispose();
    }

    [TearDown]
    public void NoFault() => Fault.Override = null;

    /// <summary>A folder holding the previous results, for one case.</summary>
    private string Earlier()
    {
        string dir = Path.Combine(_cli.Folder, "case-" + Guid.NewGuid().ToString("N")[..8]);
        Copy(_earlier, dir);
        return dir;
    }

    private static IEnumerable<TestCaseData> Stages()
    {
        // Point, and whether the previous results are still whole afterwards (before the publish) or the folder is
        // marked incomplete (during it), or the new results are whole (after it).
        TestCaseData Case(string point, string after) => new TestCaseData(point, after).SetName($"FailureAt({point})");
        yield return Case("part:1", "previous");
        yield return Case("part:4", "previous");
        yield return Case("write:plan.json", "previous"); // nothing of the new run is recorded yet: --resume has nothing to finish, see below
        yield return Case("write:timeseries.csv", "previous");
        yield return Case("write:summary.csv", "previous");
        yield return Case("write:manifest.json", "previous");
        yield return Case("write:report.html", "previous");
        yield return Case("publish:begin", "incomplete");
        yield return Case("publish:timeseries.csv", "incomplete");
        yield return Case("publish:summary.csv", "incomplete");
        yield return Case("publish:report.html", "incomplete");
        yield return Case("publish:manifest.json", "incomplete");
        yield return Case("publish:end", "new");
    }

    /// <summary>An I/O error (as a full disk raises) at each stage: exit 1, the message, the folder's state, then --resume.</summary>
    [TestCaseSource(nameof(Stages))]
    public void FailureAt(string point, string after)
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        Fault.Override = point + ":throw";
        var (code, output, error) = _cli.Run(_file, dir, seed: NewSeed, force: true);
        Fault.Override = null;
        Assert.That(code, Is.EqualTo(1), error + output);
        Assert.That(error, Does.StartWith("error: input/output error: injected fault at " + point));
        Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("fault in coprodsim"));
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False, "the lock is released on an error");
        AssertState(dir, before, after);
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        if (point == "write:plan.json")
        {
            // The run failed before it recorded its plan: there is no interrupted run, only the previous results.
            Assert.That(resumed.Code, Is.EqualTo(2));
            Assert.That(resumed.Error, Does.Contain("and no interrupted run; use --force to replace them"));
            resumed = _cli.Run(_file, dir, seed: NewSeed, force: true);
        }
        Assert.That(resumed.Code, Is.Zero, resumed.Error);
        AssertSameResults(dir, _reference);
    }

    /// <summary>What a reader finds after an interruption: the previous results whole, a folder marked incomplete, or the new results whole.</summary>
    private void AssertState(string dir, Dictionary<string, string> previous, string state)
    {
        var report = _cli.Invoke("report", dir);
        switch (state)
        {
            case "previous":
                Assert.That(Visible(dir), Is.EqualTo(previous), "the previous results are byte-identical");
                Assert.That(report.Code, Is.Zero, report.Error);
                break;
            case "incomplete":
                Assert.That(report.Code, Is.EqualTo(2), report.Error);
                Assert.That(report.Error, Does.Contain("the folder is incomplete").And.Contain("--resume"));
                Dictionary<string, string> visible = Visible(dir);
                bool anyOld = visible.Any(f => previous.TryGetValue(f.Key, out string? sha) && sha == f.Value);
                bool anyNew = visible.Any(f => !previous.TryGetValue(f.Key, out string? sha) || sha != f.Value);
                Assert.That(anyOld && anyNew, Is.False, "never a file of the previous results beside a new one");
                Assert.That(File.Exists(Path.Combine(dir, ResultFiles.ManifestFile)) && !File.Exists(Path.Combine(dir, ResultFolder.JournalFile)), Is.False,
                    "a manifest is never there without the journal while files are being replaced");
                break;
            default:
                Assert.That(report.Code, Is.Zero, report.Error);
                Assert.That(RunManifest.Read(Path.Combine(dir, ResultFiles.ManifestFile)).Seed, Is.EqualTo((ulong)NewSeed));
                break;
        }
    }

    private static IEnumerable<TestCaseData> Kills()
    {
        TestCaseData Case(string point, string after) => new TestCaseData(point, after).SetName($"KilledAt({point})");
        yield return Case("part:2", "previous");
        yield return Case("write:timeseries.csv", "previous");
        yield return Case("write:report.html", "previous");
        yield return Case("publish:summary.csv", "incomplete");
        yield return Case("publish:end", "new");
    }

    /// <summary>
    /// The built command killed with SIGKILL at each stage, from inside at an exact point (no clean-up code runs: the
    /// lock and temporary files stay): the folder's state, then --resume takes over the lock and finishes.
    /// </summary>
    [TestCaseSource(nameof(Kills))]
    [Category("Slow")]
    public void KilledAt(string point, string after)
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        var (code, error) = RunToEnd(Command(point, "run", _file, "--out", dir, "--seed", $"{NewSeed}", "--threads", "2", "--force", "--quiet"));
        Assert.That(code, Is.EqualTo(137), "killed by SIGKILL: " + error);
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.True, "a killed run leaves its lock");
        AssertState(dir, before, after); // a report there takes over the dead run's lock
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(resumed.Code, Is.Zero, resumed.Error);
        AssertSameResults(dir, _reference);
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False);
        Assert.That(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories), Is.Empty, "temporary files of the killed run are removed");
    }

    /// <summary>Killed from outside while it runs (after some runs are done), as Ctrl-C cannot stop it: resumed, same bytes.</summary>
    [Test]
    [Category("Slow")]
    public void KilledFromOutsideDuringTheRuns()
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        using var running = StartPaused(Command("part:3:pause", "run", _file, "--out", dir, "--seed", $"{NewSeed}", "--threads", "1", "--force"), "part:3");
        Assert.That(Kill(running), Is.EqualTo(137));
        Assert.That(Visible(dir), Is.EqualTo(before), "the previous results are byte-identical");
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(resumed.Code, Is.Zero, resumed.Error);
        Assert.That(resumed.Error, Does.Contain("taking over the lock"), "the killed run's lock is stale: taken over with a note");
        Assert.That(resumed.Out, Does.Contain("(3 resumed)"), "the three runs done before the kill are not run again");
        AssertSameResults(dir, _reference);
    }

    /// <summary>'report DIR' killed from outside while it writes report.html: the folder is as it was, and the next report takes over.</summary>
    [Test]
    [Category("Slow")]
    public void ReportKilledWhileWriting()
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        using var report = StartPaused(Command("write:report.html:pause", "report", dir), "write:report.html");
        Assert.That(Kill(report), Is.EqualTo(137));
        Assert.That(Visible(dir), Is.EqualTo(before), "report.html is the earlier one, whole");
        var again = _cli.Invoke("report", dir);
        Assert.That(again.Code, Is.Zero, again.Error);
        Assert.That(again.Error, Does.Contain("taking over the lock"));
        Assert.That(Directory.GetFiles(dir, "*.tmp"), Is.Empty, "the killed report's temporary file is gone");
    }

    /// <summary>
    /// Two runs into one folder at once: the second is refused while the first holds the folder (and so is a report),
    /// and the earlier results are byte-identical.
    /// </summary>
    [Test]
    [Category("Slow")]
    public void ASecondRunWhileTheFirstRunsIsRefused()
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        using var first = StartPaused(Command("part:1:pause", "run", _file, "--out", dir, "--seed", $"{NewSeed}", "--threads", "1", "--force"), "part:1");
        try
        {
            var second = _cli.Run(_file, dir, seed: NewSeed, force: true);
            Assert.That(second.Code, Is.EqualTo(2), second.Error);
            Assert.That(second.Error, Does.Contain($"another coprodsim run (pid {first.Id}"));
            var resume = _cli.Run(_file, dir, seed: NewSeed, resume: true);
            Assert.That(resume.Code, Is.EqualTo(2), resume.Error);
            var report = _cli.Invoke("report", dir);
            Assert.That(report.Code, Is.EqualTo(2), report.Error);
            Assert.That(report.Error, Does.Contain("is writing"));
            Assert.That(Visible(dir), Is.EqualTo(before));
        }
        finally
        {
            Kill(first);
        }
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(resumed.Code, Is.Zero, resumed.Error);
        AssertSameResults(dir, _reference);
    }

    // ---- damaged part files: --resume runs again only those, saying which and why ----

    private static string Part(string dir, string id, string ext = ".csv") => Path.Combine(dir, ".runs", id + ext);

    private static IEnumerable<TestCaseData> Damages()
    {
        const string A = "p00000-s000-r00000", B = "p00000-s000-r00001";
        TestCaseData Case(string name, Action<string> damage, string reason) => new TestCaseData(damage, reason).SetName($"DamagedPart({name})");
        yield return Case("last row cut off", d => File.WriteAllLines(Part(d, A), File.ReadAllLines(Part(d, A))[..^1]), $"{A} (12 of 13 rows)");
        yield return Case("cut mid-row", d => File.WriteAllBytes(Part(d, A), File.ReadAllBytes(Part(d, A))[..^7]), $"{A} (");
        yield return Case("one byte altered", d =>
        {
            byte[] b = File.ReadAllBytes(Part(d, A));
            int at = Array.IndexOf(b, (byte)'.', b.Length / 2);
            b[at + 1] = b[at + 1] == (byte)'1' ? (byte)'2' : (byte)'1';
            File.WriteAllBytes(Part(d, A), b);
        }, $"{A} (checksum mismatch)");
        yield return Case("emptied", d => File.WriteAllBytes(Part(d, A), []), $"{A} (empty)");
        yield return Case("another run's part in its place", d => File.Copy(Part(d, B), Part(d, A), true), $"{A} (checksum mismatch)");
        yield return Case("record deleted", d => File.Delete(Part(d, A, ".json")), $"{A} (no checksum record)");
        yield return Case("record garbled", d => File.WriteAllText(Part(d, A, ".json"), "{\"fingerprint\": 12"), $"{A} (unreadable checksum record)");
        yield return Case("another run's record", d => File.Copy(Part(d, B, ".json"), Part(d, A, ".json"), true), $"{A} (made for another run)");
        yield return Case("a record from another plan", d =>
        {
            string r = Part(d, A, ".json");
            File.WriteAllText(r, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(r), "\"fingerprint\":\"[0-9a-f]+\"", "\"fingerprint\":\"00\""));
        }, $"{A} (from another plan)");
        yield return Case("two damaged", d => { File.WriteAllBytes(Part(d, A), []); File.Delete(Part(d, B, ".json")); }, $"2 damaged runs will be run again: {A} (empty), {B} (no checksum record)");
    }

    [TestCaseSource(nameof(Damages))]
    public void DamagedPart(Action<string> damage, string reason)
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        Fault.Override = "part:4:throw";
        Assert.That(_cli.Run(_file, dir, seed: NewSeed, threads: 1, force: true).Code, Is.EqualTo(1));
        Fault.Override = null;
        damage(dir);
        Assert.That(Visible(dir), Is.EqualTo(before), "the previous results are byte-identical");
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(resumed.Code, Is.Zero, resumed.Error);
        Assert.That(resumed.Error, Does.Contain("will be run again: ").And.Contain(reason));
        AssertSameResults(dir, _reference);
    }

    [Test]
    public void ADamagedPlanIsRefusedWithWhatToDo()
    {
        string dir = Earlier();
        Fault.Override = "part:2:throw";
        Assert.That(_cli.Run(_file, dir, seed: NewSeed, threads: 1, force: true).Code, Is.EqualTo(1));
        Fault.Override = null;
        File.WriteAllText(Path.Combine(dir, ".runs", "plan.json"), "{\"fingerp");
        Dictionary<string, string> before = Visible(dir);
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(resumed.Code, Is.EqualTo(2), resumed.Error);
        Assert.That(resumed.Error, Does.Contain("plan.json, is damaged").And.Contain("run with --force (instead of --resume) to start afresh"));
        Assert.That(resumed.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
        Assert.That(Visible(dir), Is.EqualTo(before));
        Assert.That(_cli.Run(_file, dir, seed: NewSeed, force: true).Code, Is.Zero);
        AssertSameResults(dir, _reference);
    }

    /// <summary>
    /// Four runs started at once into a folder whose lock was left by a dead process: exactly one takes the lock
    /// over and runs; the others are refused in words, exit 2. (Taking over by deleting would let two through.)
    /// </summary>
    [Test]
    [Category("Slow")]
    public void RunsRacingForAStaleLockLetOneThrough()
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        File.WriteAllText(Path.Combine(dir, RunLock.FileName), "{\"pid\": 2147483000, \"started\": \"2026-01-01T00:00:00Z\"}");
        var racers = Enumerable.Range(0, 4).Select(_ => System.Diagnostics.Process.Start(
            Command("part:1:pause", "run", _file, "--out", dir, "--seed", $"{NewSeed}", "--threads", "1", "--force"))!).ToList();
        var errors = racers.Select(p => { p.StandardOutput.ReadToEndAsync(); return Task.Run(() => ReadUntilPaused(p)); }).ToList();
        try
        {
            Assert.That(Task.WaitAll([.. errors], TimeSpan.FromSeconds(120)), Is.True, "every racer paused or ended");
            var paused = racers.Where((p, i) => errors[i].Result.Contains("fault: paused at part:1", StringComparison.Ordinal)).ToList();
            Assert.That(paused, Has.Count.EqualTo(1), string.Join("\n---\n", errors.Select(e => e.Result)));
            foreach (var (p, i) in racers.Select((p, i) => (p, i)).Where(x => !paused.Contains(x.p)))
            {
                p.WaitForExit();
                Assert.That(p.ExitCode, Is.EqualTo(2), errors[i].Result);
                Assert.That(errors[i].Result, Does.Contain("error: another coprodsim run (pid ").And.Contain("Nothing was run or written"));
            }
            Assert.That(Visible(dir), Is.EqualTo(before));
        }
        finally
        {
            foreach (var p in racers.Where(p => !p.HasExited)) Kill(p);
        }
        var resumed = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(resumed.Code, Is.Zero, resumed.Error);
        AssertSameResults(dir, _reference);
    }

    private static string ReadUntilPaused(System.Diagnostics.Process p)
    {
        var seen = new System.Text.StringBuilder();
        string? line;
        while ((line = p.StandardError.ReadLine()) is not null)
        {
            seen.AppendLine(line);
            if (line.StartsWith("fault: paused at", StringComparison.Ordinal)) break;
        }
        return seen.ToString();
    }

    [Test]
    public void ALockWhosePidWasReusedIsTakenOver()
    {
        // This process exists, but began long after the lock was taken: it only reuses the number.
        string dir = Earlier();
        File.WriteAllText(Path.Combine(dir, RunLock.FileName), $"{{\"pid\": {Environment.ProcessId}, \"started\": \"2001-01-01T00:00:00Z\"}}");
        var r = _cli.Invoke("report", dir);
        Assert.That(r.Code, Is.Zero, r.Error);
        Assert.That(r.Error, Does.Contain("taking over the lock"));
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False);
    }

    // ---- what the folder holds decides what a run may do there ----

    private static IEnumerable<TestCaseData> InTheWayCases()
    {
        TestCaseData Case(string name, Func<string, string> setUp, string message) => new TestCaseData(setUp, message).SetName($"InTheWay({name})");
        yield return Case("a file named .runs", d => { File.WriteAllText(Path.Combine(d, ".runs"), "x"); return d; }, "/.runs is a file, where coprodsim keeps a folder of the runs' parts");
        yield return Case("a file named .staging", d => { File.WriteAllText(Path.Combine(d, ".staging"), "x"); return d; }, "/.staging is a file, where coprodsim keeps a folder of the final files");
        yield return Case("a folder named summary.csv", d => { File.Delete(Path.Combine(d, "summary.csv")); Directory.CreateDirectory(Path.Combine(d, "summary.csv")); return d; }, "/summary.csv is a folder, where coprodsim writes its summary.csv");
        yield return Case("a folder named report.html", d => { File.Delete(Path.Combine(d, "report.html")); Directory.CreateDirectory(Path.Combine(d, "report.html")); return d; }, "/report.html is a folder");
        yield return Case("a folder named like the lock", d => { Directory.CreateDirectory(Path.Combine(d, RunLock.FileName)); return d; }, "/.coprodsim.lock is a folder, where coprodsim keeps its lock file");
        yield return Case("--out a link to nowhere", d => { string l = d + "-link"; File.CreateSymbolicLink(l, Path.Combine(d, "nowhere")); return l; }, "-link' is a symbolic link to '");
        yield return Case("--out a link to a file", d => { string l = d + "-filelink"; File.CreateSymbolicLink(l, Path.Combine(d, "summary.csv")); return l; }, "-filelink' is a symbolic link to '");
    }

    /// <summary>Something in the way of the run in --out: refused before anything runs (exit 2), the earlier results byte-identical.</summary>
    [TestCaseSource(nameof(InTheWayCases))]
    public void InTheWay(Func<string, string> setUp, string message)
    {
        string dir = Earlier();
        string outDir = setUp(dir);
        Dictionary<string, string> before = Visible(dir);
        foreach (bool force in new[] { false, true })
        {
            var r = _cli.Invoke(["run", _file, "--out", outDir, .. force ? new[] { "--force" } : []]);
            Assert.That(r.Code, Is.EqualTo(2), r.Error);
            Assert.That(r.Error, Does.StartWith("error: ").And.Contain(message).And.Contain("Nothing was run or written"));
            Assert.That(r.Error, Does.Not.Contain("   at "));
            Assert.That(Visible(dir), Is.EqualTo(before));
        }
    }

    [Test]
    public void SomeoneElsesManifestDoesNotMakeTheFolderOurs()
    {
        string dir = Path.Combine(_cli.Folder, "web-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "manifest.json"), "{\"name\": \"my web app\", \"start_url\": \"/\"}");
        File.WriteAllText(Path.Combine(dir, "report.html"), "<p>mine</p>");
        Dictionary<string, string> before = Visible(dir);
        var r = _cli.Run(_file, dir, seed: NewSeed, force: true);
        Assert.That(r.Code, Is.EqualTo(2), r.Error);
        Assert.That(r.Error, Does.Contain("holds report.html, manifest.json, which no coprodsim run recorded writing"));
        Assert.That(Visible(dir), Is.EqualTo(before));
    }

    [Test]
    public void AnInterruptedRunIsContinuedOnlyWithResume()
    {
        string dir = Earlier();
        Fault.Override = "part:2:throw";
        Assert.That(_cli.Run(_file, dir, seed: NewSeed, force: true).Code, Is.EqualTo(1));
        Fault.Override = null;
        Dictionary<string, string> before = Visible(dir);
        var plain = _cli.Run(_file, dir, seed: NewSeed);
        Assert.That(plain.Code, Is.EqualTo(2));
        Assert.That(plain.Error, Does.Match(@"holds an interrupted run \(\d of 6 runs complete in \.runs/\); run the same command with --resume to finish it, or --force to discard them"));
        Assert.That(Visible(dir), Is.EqualTo(before));
        var both = _cli.Run(_file, dir, seed: NewSeed, resume: true, force: true);
        Assert.That(both.Code, Is.EqualTo(2));
        Assert.That(both.Error, Does.Contain("--force and --resume contradict each other"));
        var forced = _cli.Run(_file, dir, seed: NewSeed, force: true);
        Assert.That(forced.Code, Is.Zero, forced.Error);
        Assert.That(forced.Out, Does.Contain("(0 resumed)"), "--force starts afresh");
        AssertSameResults(dir, _reference);
    }

    [Test]
    public void AnInterruptedPublishIsRefusedWithoutResume()
    {
        string dir = Earlier();
        Fault.Override = "publish:summary.csv:throw";
        Assert.That(_cli.Run(_file, dir, seed: NewSeed, force: true).Code, Is.EqualTo(1));
        Fault.Override = null;
        Dictionary<string, string> before = Visible(dir);
        var plain = _cli.Run(_file, dir, seed: NewSeed);
        Assert.That(plain.Code, Is.EqualTo(2));
        Assert.That(plain.Error, Does.Contain("is incomplete: an earlier run (generation ").And.Contain("--resume to finish it, or --force to start afresh"));
        Assert.That(Visible(dir), Is.EqualTo(before));
        var analyse = _cli.Invoke("analyse", dir);
        Assert.That(analyse.Code, Is.EqualTo(2), analyse.Error);
        Assert.That(analyse.Error, Does.Contain("the folder is incomplete"));
    }

    [Test]
    public void ResumeOnCompleteResultsDoesNothingOrRefuses()
    {
        string dir = Earlier();
        Dictionary<string, string> before = Visible(dir);
        var same = _cli.Run(_file, dir, seed: OldSeed, resume: true);
        Assert.That(same.Code, Is.Zero, same.Error);
        Assert.That(same.Out, Does.Contain("already holds the complete results of this run").And.Contain("nothing to resume"));
        var other = _cli.Run(_file, dir, seed: NewSeed, resume: true);
        Assert.That(other.Code, Is.EqualTo(2));
        Assert.That(other.Error, Does.Contain("holds the complete results of another run").And.Contain("--force"));
        Assert.That(Visible(dir), Is.EqualTo(before));
    }

    [TestCase("summary.csv")]
    [TestCase("report.html")]
    [TestCase("timeseries.parquet")]
    public void FilesWithOurNamesThatNoRunWroteAreNeverReplaced(string name)
    {
        string dir = Path.Combine(_cli.Folder, "foreign-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name), "my own file\n");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine too\n");
        Dictionary<string, string> before = Visible(dir);
        foreach (bool force in new[] { false, true })
        {
            var r = _cli.Run(_file, dir, seed: NewSeed, force: force);
            Assert.That(r.Code, Is.EqualTo(2), r.Error);
            Assert.That(r.Error, Does.Contain($"holds {name}, which no coprodsim run recorded writing"));
            Assert.That(Visible(dir), Is.EqualTo(before));
        }
        File.Delete(Path.Combine(dir, name));
        Assert.That(_cli.Run(_file, dir, seed: NewSeed).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(dir, "notes.txt")), Is.EqualTo("mine too\n"), "a file of someone else's is kept");
        Assert.That(_cli.Run(_file, dir, seed: OldSeed, force: true).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(dir, "notes.txt")), Is.EqualTo("mine too\n"), "and kept when the results are replaced");
    }

    [Test]
    public void AReplacedRunLeavesNoOutputOfTheRunBefore()
    {
        // The earlier run wrote Parquet and a report; the new one writes neither: no file of the earlier one stays.
        string dir = Path.Combine(_cli.Folder, "formats-" + Guid.NewGuid().ToString("N")[..8]);
        string both = _cli.Write("both.yaml", CliHarness.Small.Replace("  report: false", "  report: true\n  format: [csv, parquet]", StringComparison.Ordinal));
        Assert.That(_cli.Run(both, dir).Code, Is.Zero);
        Assert.That(File.Exists(Path.Combine(dir, ParquetTables.TimeSeriesFile)), Is.True);
        string csv = _cli.Write("csv.yaml", CliHarness.Small);
        var r = _cli.Run(csv, dir, force: true);
        Assert.That(r.Code, Is.Zero, r.Error);
        Assert.That(Visible(dir).Keys, Is.EquivalentTo(new[] { "timeseries.csv", "summary.csv", "manifest.json" }));
        Assert.That(_cli.Invoke("report", dir).Code, Is.Zero);
    }

    // ---- the reader: a folder whose files are not those its manifest records ----

    private static IEnumerable<TestCaseData> Mixed()
    {
        TestCaseData Case(string name, Action<string, string> mix, string message) => new TestCaseData(mix, message).SetName($"MixedFolder({name})");
        yield return Case("summary.csv from another run", (d, other) => File.Copy(Path.Combine(other, "summary.csv"), Path.Combine(d, "summary.csv"), true), "summary.csv: error: is ");
        yield return Case("summary.csv edited, same size", (d, _) =>
        {
            byte[] b = File.ReadAllBytes(Path.Combine(d, "summary.csv"));
            int at = Array.LastIndexOf(b, (byte)'1');
            b[at] = (byte)'2';
            File.WriteAllBytes(Path.Combine(d, "summary.csv"), b);
        }, "summary.csv: error: its SHA-256 differs from the one manifest.json (generation ");
        yield return Case("summary.csv removed", (d, _) => File.Delete(Path.Combine(d, "summary.csv")), "summary.csv: error: not found, but manifest.json (generation ");
        yield return Case("timeseries.csv with a number changed", (d, _) =>
        {
            string ts = Path.Combine(d, "timeseries.csv");
            string[] lines = File.ReadAllLines(ts);
            string[] f = lines[5].Split(',');
            f[^1] = f[^1] == "0" ? "1" : "0";
            lines[5] = string.Join(',', f);
            File.WriteAllText(ts, string.Join('\n', lines) + "\n");
        }, "timeseries.csv: error: ");
        yield return Case("the manifest of another run", (d, other) => File.Copy(Path.Combine(other, "manifest.json"), Path.Combine(d, "manifest.json"), true), "timeseries.csv:2: error: expected strategy");
        yield return Case("checksums naming another file", (d, _) =>
        {
            string mf = Path.Combine(d, "manifest.json");
            File.WriteAllText(mf, File.ReadAllText(mf).Replace("\"summary.csv\": {", "\"../../etc/passwd\": {", StringComparison.Ordinal));
        }, "'checksums' names '../../etc/passwd', which is not a data file of coprodsim");
        yield return Case("a publish journal", (d, _) => File.WriteAllText(Path.Combine(d, ResultFolder.JournalFile), "{\"generation\": \"abc\", \"scenario_file\": \"s.yaml\", \"started\": \"then\", \"pid\": 1, \"files\": []}"),
            "the folder is incomplete: a run (pid 1, started then) was replacing its results with new ones (generation abc) and did not finish; finish it with 'coprodsim run s.yaml --out ");
        yield return Case("a garbled publish journal", (d, _) => File.WriteAllText(Path.Combine(d, ResultFolder.JournalFile), "{{{"), "the folder is incomplete");
    }

    [TestCaseSource(nameof(Mixed))]
    public void MixedFolder(Action<string, string> mix, string message)
    {
        string dir = Earlier();
        mix(dir, _reference);
        Dictionary<string, string> before = Visible(dir);
        var r = _cli.Invoke("report", dir);
        Assert.That(r.Code, Is.EqualTo(2), r.Error);
        Assert.That(r.Error, Does.Contain(message));
        Assert.That(r.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
        Assert.That(Visible(dir), Is.EqualTo(before), "nothing is written into the folder");
        Assert.That(() => ResultSet.Load(dir), Throws.TypeOf<ResultFolderException>());
    }

    [Test]
    public void WindowsLineEndsKeepTheChecksum()
    {
        string dir = Earlier();
        foreach (string name in new[] { "timeseries.csv", "summary.csv" })
        {
            string path = Path.Combine(dir, name);
            File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal));
        }
        var r = _cli.Invoke("report", dir);
        Assert.That(r.Code, Is.Zero, "a copy with \\r\\n line ends (git on Windows) is the same data: " + r.Error);
    }
}
