using System.Text.RegularExpressions;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// A bad scenario gets FILE:LINE:COLUMN: message naming the field, what was found and what is allowed, exit code 2,
/// and nothing written.
/// </summary>
public partial class BadInputTests
{
    private const string Head = "name: bad\nhorizon: 6\npopulation: {citizens: 200, neighbourhoods: 4}\n";

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string yaml, int line, string message, string description) =>
            new TestCaseData(yaml, line, message).SetDescription(description).SetName($"{{m}}({description})");
        yield return Case(Head + "replications: many\nstrategies: [traditional]\n", 4, "replications: expected a whole number, found 'many'", "wrong type");
        yield return Case(Head + "strategies:\n  - name: x\n    invitation_rate: 1.5\n", 6, "strategies.x.invitation_rate: 1.5 is out of range; allowed: 0 to 1", "lever out of range");
        yield return Case(Head + "replicatons: 3\nstrategies: [traditional]\n", 4, "unknown key 'replicatons'; did you mean 'replications'?", "unknown top-level key");
        yield return Case("name: bad\npopulation:\n  citizns: 500\nstrategies: [traditional]\n", 3, "unknown key 'population.citizns'; did you mean 'population.citizens'?", "unknown nested key");
        yield return Case("", 1, "the file is empty", "empty file");
        yield return Case("# only a comment\n", 1, "the file is empty", "only comments");
        yield return Case(Head + "strategies: [traditional, four-cos, traditional]\n", 4, "duplicate strategy 'traditional'", "duplicate strategy");
        yield return Case(Head + "strategies: [traditional]\nsweep:\n  parameters:\n    strategy.budget_change: {min: 0.2, max: -0.2, steps: 3}\n", 7, "min (0.2) must be less than max (-0.2)", "bad sweep range");
        yield return Case(Head + "strategies: [traditional\n", 5, "malformed YAML", "malformed YAML");
        yield return Case(Head + "strategies: [four-coss]\n", 4, "unknown strategy preset 'four-coss'; did you mean 'four-cos'?", "unknown preset");
        yield return Case(Head + "name: again\nstrategies: [traditional]\n", 4, "a key appears twice", "duplicate key");
        yield return Case("name: bad\npopulation: {citizens: -5}\nstrategies: [traditional]\n", 2, "population.citizens: -5 is out of range; allowed: 10 to 50000000", "negative citizens");
        yield return Case(Head + "strategies: [traditional]\nsweep:\n  parameters:\n    strategy.budget_chang: {min: 0, max: 0.2, steps: 2}\n", 7, "unknown parameter 'strategy.budget_chang'; did you mean 'strategy.budget_change'?", "unknown sweep path");
        yield return Case(Head, 1, "missing 'strategies'", "no strategies");
        yield return Case(Head + "strategies:\n  - name: x\n    targeting: poorest\n", 6, "'poorest' is not allowed; allowed: universal or deprived-first", "bad choice");
        yield return Case(Head + "public_bodies:\n  council: {domains: [policing]}\nstrategies: [traditional]\n", 5, "'policing' is not a domain", "unknown domain in a body");
        yield return Case("name: bad\npopulation: {citizens: 200, neighbourhoods: 4, contacts: 5}\nstrategies: [traditional]\n", 2, "population.contacts: 5 is odd", "odd contacts");
        yield return Case("- name: bad\n", 1, "a scenario file is a mapping", "list at top level");
        yield return Case(Head + "strategies: [traditional]\nsweep:\n  method: latin-hypercube\n  samples: 4\n  parameters:\n    strategy.recognition: {values: [0, 1]}\n", 9, "a latin-hypercube sweep samples a range", "sample sweep with values");
        yield return Case(Head + "strategies: [four-cos]\nsweep:\n  parameters:\n    strategy.respite_share: {min: 0, max: 0.9, steps: 2}\n", 5, "respite_share + community_grants", "sweep point breaks a rule");
        yield return Case(Head + "seed: 1.5\nstrategies: [traditional]\n", 4, "seed: 1.5 is not a whole number", "fractional seed");
        yield return Case(Head + "population: {citizens: 300}\nstrategies: [traditional]\n", 4, "a key appears twice", "section given twice");
        yield return Case(Head + "strategies: [traditional]\noutputs:\n  metrics: [outcome_index, public_cots]\n", 6, "outputs.metrics: no metric 'public_cots'; did you mean 'public_cost'?; metrics: outcome_index,", "unknown output metric");
        yield return Case(Head + "strategies: [traditional]\noutputs:\n  metrics: outcome_index\n", 6, "outputs.metrics is a list of metric names", "output metrics not a list");
        yield return Case(Head + "strategies: [traditional]\noutputs:\n  metrics: [qalys, qalys]\n", 6, "outputs.metrics: 'qalys' is listed twice", "output metric twice");
    }

    [TestCaseSource(nameof(Cases))]
    public void BadScenarioExitsTwoWithLineAndFieldAndWritesNothing(string yaml, int line, string message)
    {
        using var cli = new CliHarness();
        string file = cli.Write("bad.yaml", yaml);
        string outDir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, outDir);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"{file}:{line}:"), $"line {line} named in: {error}");
        Assert.That(LinePattern().IsMatch(error), Is.True, "FILE:LINE:COLUMN: error: form");
        Assert.That(error, Does.Contain(message));
        Assert.That(error, Does.Contain("nothing was run or written"));
        Assert.That(Directory.Exists(outDir), Is.False, "no output directory");
    }

    [Test]
    public void MissingFileExitsTwoAndNamesTheFile()
    {
        using var cli = new CliHarness();
        string outDir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(Path.Combine(cli.Folder, "nope.yaml"), outDir);
        Assert.That(code, Is.EqualTo(2));
        // A file that does not exist has no line to point at: the message names the file.
        Assert.That(error, Does.Contain("nope.yaml: error: file not found"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [TestCase("strategy.invitation_rate=2", "2 is out of range; allowed: 0 to 1")]
    [TestCase("population.citizen=500", "did you mean 'population.citizens'?")]
    [TestCase("strategies.nope.recognition=1", "no strategy 'nope'")]
    [TestCase("recognition", "is not of the form path=value")]
    public void BadSetExitsTwoAndWritesNothing(string set, string message)
    {
        using var cli = new CliHarness();
        string file = cli.Write("ok.yaml", CliHarness.Small);
        string outDir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, outDir, [set]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--set"));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void EveryErrorIsReportedNotJustTheFirst()
    {
        using var cli = new CliHarness();
        string file = cli.Write("two.yaml", "name: two\nreplicatons: 2\npopulation: {citizens: 5}\nstrategies: [tradition]\n");
        var (code, _, error) = cli.Run(file, Path.Combine(cli.Folder, "out"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(":2:").And.Contain(":3:").And.Contain(":4:"));
        Assert.That(error, Does.Contain("3 errors"));
    }

    [Test]
    public void ValidateChecksEveryShippedScenario()
    {
        using var cli = new CliHarness();
        string[] files = Directory.GetFiles(RepoPaths.Of("scenarios"), "*.yaml");
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "compare-strategies.yaml", "carers-respite.yaml", "participatory-budgeting.yaml", "austerity.yaml", "equity.yaml", "classroom.yaml", "benchmark-1m.yaml" }));
        var (code, output, error) = cli.Invoke(["validate", .. files]);
        Assert.That(code, Is.Zero, error);
        Assert.That(Regex.Matches(output, ": ok: ").Count, Is.EqualTo(files.Length));
        foreach (string f in files) Assert.That(File.ReadLines(f).First(), Does.StartWith("# "), $"{f} opens with the question it answers");
    }

    [GeneratedRegex(@"^.+:\d+:\d+: error: ", RegexOptions.Multiline)]
    private static partial Regex LinePattern();
}
