using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Fuzz;

/// <summary>Every failure the fuzzer (<see cref="FuzzTests"/>) has found, reduced to its smallest input, as a named case.</summary>
public class FuzzRegressionTests
{
    [TestCase(": {\ns", TestName = "An unclosed flow mapping at the end of the file made the YAML library throw an unexpected exception")]
    [TestCase("name: x\nsweep: {parameters: {a: {min: [", TestName = "An unclosed list at the end of the file is malformed YAML")]
    public void MalformedYamlIsAScenarioError(string text)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "fuzz.yaml"));
        Assert.That(ex!.Errors.Single().Message, Does.StartWith("malformed YAML"));
        Assert.That(ex.Errors.Single().Line, Is.Positive);
    }

    [Test(Description = "A carriage return alone inside a row of timeseries.csv passed the check but split the row in two for the reader, which then indexed past its fields")]
    public void ACarriageReturnInsideARowIsRefused()
    {
        using var cli = new CliHarness();
        string dir = FuzzTests.TinyResults(cli);
        string series = Path.Combine(dir, ResultFiles.TimeSeriesFile);
        string[] lines = File.ReadAllText(series).Split('\n');
        int comma = lines[3].IndexOf(',', lines[3].IndexOf(',', StringComparison.Ordinal) + 1);
        lines[3] = lines[3][..comma] + "\r" + lines[3][comma..];
        File.WriteAllText(series, string.Join('\n', lines));
        var ex = Assert.Throws<ResultFolderException>(() => ResultSet.Load(dir));
        Assert.That(ex!.Message, Does.Contain("timeseries.csv:4:").And.Contain("carriage return"));
    }

    [Test(Description = "A file saved with Windows line ends (\\r\\n) is still read")]
    public void WindowsLineEndsAreRead()
    {
        using var cli = new CliHarness();
        string dir = FuzzTests.TinyResults(cli);
        string series = Path.Combine(dir, ResultFiles.TimeSeriesFile);
        File.WriteAllText(series, File.ReadAllText(series).Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.That(ResultSet.Load(dir).Strategies, Has.Count.EqualTo(2));
    }

    [Test(Description = "A long value quoted in an error (a sweep method of 1,000 brackets) made a message thousands of characters long")]
    public void AnErrorQuotingALongValueStaysShort()
    {
        string text = "name: x\nstrategies: [traditional]\nsweep:\n  method: gr" + new string('[', 1000) + "\n  parameters: {strategy.recognition: {min: 0, max: 1, steps: 2}}\n";
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "fuzz.yaml"));
        Assert.That(ex!.Errors.Max(e => e.Message.Length), Is.LessThanOrEqualTo(600));
        Assert.That(ex.Errors.Any(e => e.Message.EndsWith("allowed: grid, latin-hypercube, sobol, morris, monte-carlo, file", StringComparison.Ordinal)), Is.True, "the end of the message, what is allowed, is kept");
    }

    [TestCase("\"parameters\"", "\"" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "\": {\"x\": [", TestName = "A manifest broken at a long property name gave a message thousands of characters long")]
    [TestCase("\"strategy.recognition\"", "\"strategy.recognition" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "\"", TestName = "A manifest with a long swept path gave a message thousands of characters long")]
    public void ABrokenManifestIsRefusedInAShortMessage(string find, string replace)
    {
        using var cli = new CliHarness();
        string dir = FuzzTests.TinyResults(cli);
        string manifest = Path.Combine(dir, ResultFiles.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(find, replace, StringComparison.Ordinal));
        var ex = Assert.Throws<ResultFolderException>(() => ResultSet.Load(dir));
        Assert.That(ex!.Message.Length, Is.LessThan(1000), ex.Message);
    }
}
