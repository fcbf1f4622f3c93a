using System.Security.Cryptography;
using System.Text;
using CoProdSim.Experiments.Output;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// Bad input and a hostile environment, through the whole command line: every failure is error lines on standard
/// error and exit code 2 (bad input) or 1 (environment), never a stack trace, and an earlier results folder is
/// byte-identical afterwards. One table per kind of failure: encoding, size, depth, limits, options, --out, and
/// every way a results folder given to 'report' can be broken.
/// </summary>
[NonParallelizable]
public class FailureTests
{
    private CliHarness _cli = null!;
    private string _earlier = "";
    private Dictionary<string, string> _earlierBytes = [];

    private const string Good = "name: ok\nhorizon: 6\npopulation: {citizens: 200, neighbourhoods: 4}\nreplications: 2\nstrategies: [traditional]\noutputs: {report: false}\n";

    [OneTimeSetUp]
    public void MakeEarlierResults()
    {
        _cli = new CliHarness();
        string file = _cli.Write("small.yaml", CliHarness.Small);
        _earlier = Path.Combine(_cli.Folder, "earlier");
        var (code, _, error) = _cli.Run(file, _earlier);
        Assert.That(code, Is.Zero, error);
        _earlierBytes = Snapshot(_earlier);
    }

    [OneTimeTearDown]
    public void Clean() => _cli.Dispose();

    /// <summary>Every file under <paramref name="dir"/> with its SHA-256.</summary>
    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private void AssertFailed((int Code, string Out, string Error) r, int code, string message)
    {
        Assert.That(r.Code, Is.EqualTo(code), r.Error + r.Out);
        Assert.That(r.Error, Does.Contain(message));
        Assert.That(r.Error, Does.Contain("error:"));
        Assert.That(r.Error + r.Out, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace, no exception names");
        Assert.That(r.Error + r.Out, Does.Not.Contain("System."), "no .NET type names");
        Assert.That(Snapshot(_earlier), Is.EqualTo(_earlierBytes), "the earlier results are untouched");
    }

    // ---- scenario files: encoding, size, depth, names, limits ----

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static IEnumerable<TestCaseData> BadFiles()
    {
        TestCaseData Case(string name, byte[] bytes, string message) => new TestCaseData(bytes, message).SetName($"BadFile({name})");
        yield return Case("UTF-16 little-endian", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Good)], "UTF-16");
        yield return Case("UTF-16 big-endian", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Good)], "UTF-16");
        yield return Case("UTF-32", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Good)], "UTF-32");
        yield return Case("UTF-16 without a mark", Encoding.Unicode.GetBytes(Good), "NUL byte");
        yield return Case("invalid UTF-8", [.. U("name: ok\nstrategies: [traditional]\ndescription: caf"), 0xE9, .. U("\n")], ":3:");
        yield return Case("Latin-1 text", [.. U("name: ok\ndescription: "), 0xA3, 0x35, .. U("\nstrategies: [traditional]\n")], "not valid UTF-8");
        yield return Case("tab indenting a list", U("name: ok\nstrategies:\n\t- traditional\n"), ":3:1: error: a tab is used for indentation");
        yield return Case("tab indenting a key", U("name: ok\npopulation:\n  citizens: 100\n\tneighbourhoods: 4\nstrategies: [traditional]\n"), ":4:1: error: a tab is used for indentation");
        yield return Case("tab inside a list entry", U("name: ok\nstrategies:\n  - name: x\n\t  preset: four-cos\n"), ":4:1: error: a tab");
        yield return Case("over 10 MiB", U("name: ok\nstrategies: [traditional]\n#" + new string('x', 11 * 1024 * 1024) + "\n"), "at most 10,485,760 bytes");
        yield return Case("50,000 nested lists", U("name: ok\nstrategies: " + new string('[', 50_000) + new string(']', 50_000) + "\n"), "nested more than 64 deep");
        yield return Case("deep block nesting", U("name: ok\nstrategies:\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i) + "- \n"))), "nested more than 64 deep");
        yield return Case("deep mappings", U("name: ok\nstrategies: [traditional]\npopulation: " + new string('{', 100) + new string('}', 100) + "\n"), "nested more than 64 deep");
        yield return Case("5,000 unknown keys", U("name: ok\nstrategies: [traditional]\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"k{i}: 1\n"))), "and 4,950 more errors");
        yield return Case("900,000 unknown keys", U("name: ok\nstrategies: [traditional]\n" + string.Concat(Enumerable.Range(0, 900_000).Select(i => $"k{i}: 1\n"))), "more than 10,000 keys in one mapping");
        yield return Case("long scenario name", U($"name: {new string('a', 300)}\nstrategies: [traditional]\n"), "at most 64 characters");
        yield return Case("scenario name with a slash", U("name: a/b\nstrategies: [traditional]\n"), "is used as a folder name");
        yield return Case("scenario name '..'", U("name: ..\nstrategies: [traditional]\n"), "is used as a folder name");
        yield return Case("strategy name with a dot", U("name: ok\nstrategies:\n  - name: a.b\n    preset: four-cos\n"), "no '.', so that --set strategies.NAME.KEY can name it");
        yield return Case("long strategy name", U($"name: ok\nstrategies:\n  - name: {new string('s', 65)}\n"), "at most 64 characters");
        yield return Case("long domain name", U($"name: ok\ndomains: {{{new string('d', 70)}: {{}}}}\nstrategies: [traditional]\n"), "at most 64 characters");
        yield return Case("too many runs", U("name: ok\nreplications: 100000\nstrategies: [traditional, four-cos]\nsweep:\n  parameters:\n    strategy.recognition: {min: 0, max: 1, steps: 100}\n"), "20,000,000 runs");
        yield return Case("timeseries off, report on", U("name: ok\nstrategies: [traditional]\noutputs: {timeseries: false}\n"), "the report is drawn from timeseries.csv");
        yield return Case("seed beyond 2^53", U("name: ok\nseed: 9007199254740992\nstrategies: [traditional]\n"), "seed: 9007199254740992 is out of range");
        yield return Case("a number of 400 digits", U($"name: ok\npopulation: {{citizens: {new string('9', 400)}}}\nstrategies: [traditional]\n"), "population.citizens");
        yield return Case("a 5 MB value", U($"name: ok\ndescription: x\nstrategies: [{new string('t', 5_000_000)}]\n"), "characters)");
        yield return Case("empty file", [], "the file is empty");
        yield return Case("only a byte-order mark", [0xEF, 0xBB, 0xBF], "the file is empty");
        yield return Case("binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], "NUL byte");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void BadFile(byte[] bytes, string message)
    {
        string file = Path.Combine(_cli.Folder, "bad.yaml");
        File.WriteAllBytes(file, bytes);
        AssertFailed(_cli.Invoke("run", file, "--out", _earlier), 2, message);
        AssertFailed(_cli.Invoke("validate", file), 2, message);
    }

    [Test]
    public void AUtf8ByteOrderMarkIsAccepted()
    {
        string file = Path.Combine(_cli.Folder, "bom.yaml");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. U(Good)]);
        var (code, output, error) = _cli.Invoke("validate", file);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("ok: 'ok'"));
    }

    // ---- options ----

    private static IEnumerable<TestCaseData> BadOptions()
    {
        TestCaseData Case(string name, string message, params string[] args) => new TestCaseData(args, message).SetName($"BadOption({name})");
        yield return Case("seed not a number", "--seed: 'abc' is not a whole number; allowed: a whole number from 0 to 9,007,199,254,740,991", "--seed", "abc");
        yield return Case("negative seed", "--seed: '-1' is not a whole number", "--seed", "-1");
        yield return Case("seed beyond what files allow", "--seed: 9007199254740992 is out of range", "--seed", "9007199254740992");
        yield return Case("seed beyond 64 bits", "--seed: '99999999999999999999' is not a whole number", "--seed", "99999999999999999999");
        yield return Case("no replications", "--replications: 0 is out of range; allowed: a whole number from 1 to 100,000", "--replications", "0");
        yield return Case("fractional replications", "--replications: '2.5' is not a whole number", "-r", "2.5");
        yield return Case("too many threads", "--threads: 99999 is out of range; allowed: a whole number from 1 to 4,096", "--threads", "99999");
        yield return Case("threads not a number", "--threads: 'all' is not a whole number", "-t", "all");
        yield return Case("seed without a value", "--seed", "--seed");
        yield return Case("an unknown option", "unexpected argument '--sed'", "--sed", "4");
        yield return Case("an extra argument", "unexpected argument 'again.yaml'", "again.yaml");
        yield return Case("set without '='", "is not of the form path=value", "--set", "recognition");
        yield return Case("set on an unknown parameter", "did you mean 'population.citizens'?", "--set", "population.citizen=5");
        yield return Case("too many runs by --replications", "at most 1,000,000", "--replications", "100000", "--set", "strategy.invitation_rate=0.1", "--set", "horizon=1");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void BadOption(string[] args, string message)
    {
        string file = _cli.Write("sweep.yaml", Good.Replace("strategies: [traditional]", "strategies: [traditional, four-cos, inside-out]\nsweep:\n  parameters:\n    strategy.recognition: {min: 0, max: 1, steps: 4}", StringComparison.Ordinal));
        AssertFailed(_cli.Invoke(["run", file, "--out", _earlier, .. args]), 2, message);
    }

    [TestCase("strategy.recognition=0.5", "strategy.recognition")]
    [TestCase("strategies.four-cos.recognition=0.5", "strategy.recognition")]
    public void SetOnASweptParameterIsRefused(string set, string swept)
    {
        string file = _cli.Write("sweep.yaml", Good.Replace("strategies: [traditional]", "strategies: [traditional, four-cos]\nsweep:\n  parameters:\n    strategy.recognition: {min: 0, max: 1, steps: 2}", StringComparison.Ordinal));
        AssertFailed(_cli.Invoke("run", file, "--out", _earlier, "--set", set), 2, $"is swept (sweep.parameters.{swept}), so a single value would be overwritten at every sweep point; change the sweep's values instead");
        AssertFailed(_cli.Invoke("validate", file, "--set", set), 2, "is swept");
    }

    [Test]
    public void CommandErrorsAreInWords()
    {
        AssertFailed(_cli.Invoke("runn"), 2, "unknown command 'runn'; did you mean 'run'?");
        AssertFailed(_cli.Invoke(), 2, "no command given");
        AssertFailed(_cli.Invoke("run"), 2, "FILE");
        AssertFailed(_cli.Invoke("report"), 2, "DIR");
    }

    // ---- the output folder ----

    private static IEnumerable<TestCaseData> BadOuts()
    {
        TestCaseData Case(string name, Func<string, string> path, int code, string message) => new TestCaseData(path, code, message).SetName($"BadOut({name})");
        yield return Case("a file", f => Path.Combine(f, "small.yaml"), 2, "is a file, not a folder");
        yield return Case("under a file", f => Path.Combine(f, "small.yaml", "out"), 2, "is a file, so no folder can be made inside it");
        yield return Case("deep under a file", f => Path.Combine(f, "small.yaml", "a", "b", "c"), 2, "is a file, so no folder can be made inside it");
        yield return Case("empty", _ => "", 2, "--out: the path is empty");
        yield return Case("blank", _ => "   ", 2, "--out: the path is empty");
        yield return Case("a name too long", f => Path.Combine(f, new string('n', 300)), 2, "is too long (300 bytes; a name may have at most 255)");
        yield return Case("a path too long", f => Path.Combine(f, string.Join('/', Enumerable.Repeat(new string('p', 200), 30))), 2, "the path is too long");
        yield return Case("a NUL in the path", f => Path.Combine(f, "a\0b"), 2, "a character that paths cannot hold");
        yield return Case("under /proc", _ => "/proc/coprodsim-out", 1, "cannot write to the output folder");
        yield return Case("under /proc/self", _ => "/proc/self/coprodsim-out", 1, "cannot write to the output folder");
    }

    [TestCaseSource(nameof(BadOuts))]
    public void BadOut(Func<string, string> path, int code, string message)
    {
        string file = _cli.Write("small.yaml", CliHarness.Small);
        string before = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        AssertFailed(_cli.Invoke("run", file, "--out", path(_cli.Folder)), code, message);
        Assert.That(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))), Is.EqualTo(before), "the file named by --out is untouched");
        // The same through the entry point the tests use directly.
        var direct = _cli.Run(file, path(_cli.Folder));
        Assert.That(direct.Code, Is.EqualTo(code), direct.Error);
        Assert.That(direct.Error, Does.Contain(message));
    }

    [Test]
    public void AVeryLongScenarioNameIsRefusedByValidateAndRun()
    {
        string file = _cli.Write("long.yaml", Good.Replace("name: ok", "name: " + new string('x', 250), StringComparison.Ordinal));
        AssertFailed(_cli.Invoke("validate", file), 2, "at most 64 characters");
        AssertFailed(_cli.Invoke("run", file), 2, "at most 64 characters");
    }

    // ---- broken results folders given to 'report' ----

    private static string Manifest(string d) => Path.Combine(d, ResultFiles.ManifestFile);

    private static string Series(string d) => Path.Combine(d, ResultFiles.TimeSeriesFile);

    private static void EditLines(string file, Func<List<string>, List<string>> edit)
    {
        List<string> lines = [.. File.ReadAllText(file).Split('\n')];
        lines.RemoveAt(lines.Count - 1); // the text after the last line end
        File.WriteAllText(file, string.Join('\n', edit(lines)) + "\n");
    }

    private static List<string> EditCell(List<string> lines, int line, int column, string value)
    {
        string[] f = lines[line - 1].Split(',');
        f[column] = value;
        lines[line - 1] = string.Join(',', f);
        return lines;
    }

    private static IEnumerable<TestCaseData> BrokenFolders()
    {
        TestCaseData Case(string name, Action<string> breakIt, string file, string message) => new TestCaseData(breakIt, file, message).SetName($"BrokenFolder({name})");
        yield return Case("manifest missing", d => File.Delete(Manifest(d)), "manifest.json", "not found");
        yield return Case("manifest empty", d => File.WriteAllText(Manifest(d), ""), "manifest.json", "is empty");
        yield return Case("manifest truncated", d => File.WriteAllText(Manifest(d), File.ReadAllText(Manifest(d))[..400]), "manifest.json", "malformed, truncated");
        yield return Case("manifest garbled", d => File.WriteAllBytes(Manifest(d), [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 7919 % 251))]), "manifest.json", "manifest.json");
        yield return Case("manifest not JSON", d => File.WriteAllText(Manifest(d), "name: small\n"), "manifest.json", "malformed");
        yield return Case("manifest null", d => File.WriteAllText(Manifest(d), "null"), "manifest.json", "holds null");
        yield return Case("manifest a list", d => File.WriteAllText(Manifest(d), "[1, 2]"), "manifest.json", "wrong kind");
        yield return Case("manifest replications a word", d => File.WriteAllText(Manifest(d), File.ReadAllText(Manifest(d)).Replace("\"replications\": 3", "\"replications\": \"three\"", StringComparison.Ordinal)), "manifest.json", "$.replications");
        yield return Case("manifest replications huge", d => File.WriteAllText(Manifest(d), File.ReadAllText(Manifest(d)).Replace("\"replications\": 3", "\"replications\": 3000000000000", StringComparison.Ordinal)), "manifest.json", "$.replications");
        yield return Case("manifest horizon huge", d => File.WriteAllText(Manifest(d), File.ReadAllText(Manifest(d)).Replace("\"horizon\": 12", "\"horizon\": 2000000000", StringComparison.Ordinal)), "manifest.json", "'horizon' is 2000000000");
        yield return Case("manifest without run seeds", d => File.WriteAllText(Manifest(d), File.ReadAllText(Manifest(d)).Replace("\"run_seeds\"", "\"seeds_of_runs\"", StringComparison.Ordinal)), "manifest.json", "'run_seeds' is missing");
        yield return Case("manifest of another tool", d => File.WriteAllText(Manifest(d), File.ReadAllText(Manifest(d)).Replace("\"tool\": \"coprodsim\"", "\"tool\": \"other\"", StringComparison.Ordinal)), "manifest.json", "'tool'");
        yield return Case("timeseries missing", d => File.Delete(Series(d)), "timeseries.csv", "not found: the report is drawn from it");
        yield return Case("timeseries empty", d => File.WriteAllText(Series(d), ""), "timeseries.csv", "is empty");
        yield return Case("header renamed", d => EditLines(Series(d), l => { l[0] = l[0].Replace("tick", "month", StringComparison.Ordinal); return l; }), "timeseries.csv:1:", "does not match manifest.json");
        yield return Case("header without a metric", d => EditLines(Series(d), l => { l[0] = l[0].Replace("outcome_index", "outcome_idx", StringComparison.Ordinal); return l; }), "timeseries.csv:1:", "lacks the metric column 'outcome_index'");
        yield return Case("last line cut short", d => File.WriteAllText(Series(d), File.ReadAllText(Series(d))[..^25]), "timeseries.csv:79:", "cut short");
        yield return Case("last lines missing", d => EditLines(Series(d), l => l[..^5]), "timeseries.csv", "incomplete");
        yield return Case("a row missing in the middle", d => EditLines(Series(d), l => { l.RemoveAt(30); return l; }), "timeseries.csv:31:", "expected strategy");
        yield return Case("a row repeated", d => EditLines(Series(d), l => { l.Insert(10, l[9]); return l; }), "timeseries.csv:11:", "expected strategy");
        yield return Case("rows swapped", d => EditLines(Series(d), l => { (l[3], l[4]) = (l[4], l[3]); return l; }), "timeseries.csv:4:", "expected strategy");
        yield return Case("a row added at the end", d => EditLines(Series(d), l => [.. l, l[^1]]), "timeseries.csv:80:", "one row more");
        yield return Case("a cell not a number", d => EditLines(Series(d), l => EditCell(l, 5, 6, "abc")), "timeseries.csv:5:", "is 'abc', not a number");
        yield return Case("a cell empty", d => EditLines(Series(d), l => EditCell(l, 7, 8, "")), "timeseries.csv:7:", "not a number");
        yield return Case("a tick made huge", d => EditLines(Series(d), l => EditCell(l, 3, 3, "99999999999")), "timeseries.csv:3:", "tick '99999999999' is not a whole number from 0 to 12");
        yield return Case("a tick negative", d => EditLines(Series(d), l => EditCell(l, 3, 3, "-1")), "timeseries.csv:3:", "tick '-1'");
        yield return Case("a replication out of range", d => EditLines(Series(d), l => EditCell(l, 2, 1, "7")), "timeseries.csv:2:", "replication '7'");
        yield return Case("an unknown strategy", d => EditLines(Series(d), l => EditCell(l, 2, 0, "ghost")), "timeseries.csv:2:", "strategy 'ghost' is not one of the manifest's");
        yield return Case("a field too many", d => EditLines(Series(d), l => { l[8] += ",1"; return l; }), "timeseries.csv:9:", "fields; the header has");
        yield return Case("a field too few", d => EditLines(Series(d), l => { l[8] = l[8][..l[8].LastIndexOf(',')]; return l; }), "timeseries.csv:9:", "fields; the header has");
        yield return Case("garbled bytes", d => { byte[] b = File.ReadAllBytes(Series(d)); b[b.Length / 2] = 0xFF; File.WriteAllBytes(Series(d), b); }, "timeseries.csv", "timeseries.csv");
        yield return Case("a line of 2 MB", d => EditLines(Series(d), l => { l[5] = new string('1', 2_000_000); return l; }), "timeseries.csv:6:", "longer than");
        yield return Case("folder is a file", d => { Directory.Delete(d, true); File.WriteAllText(d, "x"); }, "", "is a file, not a results folder");
        yield return Case("folder missing", d => Directory.Delete(d, true), "", "folder not found");
    }

    [TestCaseSource(nameof(BrokenFolders))]
    public void BrokenFolder(Action<string> breakIt, string file, string message)
    {
        string dir = Path.Combine(_cli.Folder, "broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (string f in Directory.GetFiles(_earlier)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        breakIt(dir);
        Dictionary<string, string>? before = Directory.Exists(dir) ? Snapshot(dir) : null;
        var r = _cli.Invoke("report", dir);
        AssertFailed(r, 2, message);
        Assert.That(r.Error, Does.Contain(file));
        if (before is not null) Assert.That(Snapshot(dir), Is.EqualTo(before), "nothing is written into a broken folder");
        // The reader itself refuses it in the same words (which metrics a report needs is the report's business).
        if (before is not null && !message.Contains("metric", StringComparison.Ordinal)) Assert.That(() => ResultSet.Load(dir), Throws.TypeOf<ResultFolderException>().With.Message.Contain(message));
    }

    [Test]
    public void AGoodFolderStillGetsItsReport()
    {
        string dir = Path.Combine(_cli.Folder, "copy");
        Directory.CreateDirectory(dir);
        foreach (string f in Directory.GetFiles(_earlier)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)), overwrite: true);
        var (code, output, error) = _cli.Invoke("report", dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("report.html"));
    }

    // ---- the environment, and --verbose ----

    [Test]
    public void AReportThatCannotBeWrittenIsAnEnvironmentErrorAndVerboseShowsWhere()
    {
        string dir = Path.Combine(_cli.Folder, "unwritable");
        Directory.CreateDirectory(dir);
        foreach (string f in Directory.GetFiles(_earlier)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)), overwrite: true);
        Directory.CreateDirectory(Path.Combine(dir, "report.html")); // the report cannot replace a folder
        var quiet = _cli.Invoke("report", dir);
        Assert.That(quiet.Code, Is.EqualTo(1), quiet.Error);
        Assert.That(quiet.Error, Does.StartWith("error: "));
        Assert.That(quiet.Error, Does.Not.Contain("   at "));
        var verbose = _cli.Invoke("report", dir, "--verbose");
        Assert.That(verbose.Code, Is.EqualTo(1));
        Assert.That(verbose.Error, Does.Contain("   at "), "--verbose shows the stack trace");
        Assert.That(Snapshot(_earlier), Is.EqualTo(_earlierBytes));
    }
}
