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

    [Test(Description = "A long value quoted in an error (a sweep method of 1,000 brackets) made a message thousands of characters long")]
    public void AnErrorQuotingALongValueStaysShort()
    {
        string text = "name: x\nstrategies: [traditional]\nsweep:\n  method: gr" + new string('[', 1000) + "\n  parameters: {strategy.recognition: {min: 0, max: 1, steps: 2}}\n";
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "fuzz.yaml"));
        Assert.That(ex!.Errors.Max(e => e.Message.Length), Is.LessThanOrEqualTo(600));
        Assert.That(ex.Errors.Any(e => e.Message.Contains("allowed: grid or latin-hypercube", StringComparison.Ordinal)), Is.True, "the end of the message, what is allowed, is kept");
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
