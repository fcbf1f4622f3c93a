using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the two readers of user files: the scenario loader and the results folder reader.
/// Every mutant of a shipped scenario (or of a small results folder) either loads or is refused with a
/// <see cref="ScenarioException"/> (<see cref="ResultFolderException"/>): no other exception, no hang, no crash.
/// A fixed budget and seed (<see cref="FuzzHarness"/>); <c>FUZZ_CASES=5000 dotnet test --filter FuzzTests</c>
/// hunts longer. Every failure found becomes a case in <see cref="FuzzRegressionTests"/>.
/// </summary>
[NonParallelizable]
public class FuzzTests
{
    [Test]
    public void EveryMutantOfAShippedScenarioLoadsOrIsRefusedInWords()
    {
        byte[][] seeds = Directory.GetFiles(RepoPaths.Of("scenarios"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        using var cli = new CliHarness();
        int n = 0;
        FuzzHarness.Check(seeds, FuzzHarness.Cases(300), input =>
        {
            string file = Path.Combine(cli.Folder, $"case{Interlocked.Increment(ref n)}.yaml");
            File.WriteAllBytes(file, input);
            LoadsOrRefuses(file);
        });
    }

    [Test]
    public void EveryMutantOfAResultsFolderIsReadOrRefusedInWords()
    {
        using var cli = new CliHarness();
        string good = TinyResults(cli);
        string manifest = Path.Combine(good, ResultFiles.ManifestFile), series = Path.Combine(good, ResultFiles.TimeSeriesFile);
        byte[][] seeds = [File.ReadAllBytes(manifest), File.ReadAllBytes(series)];
        int n = 0;
        FuzzHarness.Check(seeds, FuzzHarness.Cases(300), input =>
        {
            // The mutant replaces the file it came from (a manifest starts with '{').
            string dir = Path.Combine(cli.Folder, $"case{Interlocked.Increment(ref n)}");
            Directory.CreateDirectory(dir);
            File.Copy(manifest, Path.Combine(dir, ResultFiles.ManifestFile));
            File.Copy(series, Path.Combine(dir, ResultFiles.TimeSeriesFile));
            bool isManifest = input.Length > 0 && input[0] == (byte)'{';
            File.WriteAllBytes(Path.Combine(dir, isManifest ? ResultFiles.ManifestFile : ResultFiles.TimeSeriesFile), input);
            ReadsOrRefuses(dir);
        });
    }

    /// <summary>The property for scenario files: loaded, or refused with every error in FILE:LINE:COLUMN form.</summary>
    internal static void LoadsOrRefuses(string file)
    {
        try
        {
            Scenario s = ScenarioLoader.Load(file);
            Assert.That(s.RunCount, Is.InRange(1, Scenario.MaxRuns));
        }
        catch (ScenarioException ex)
        {
            Assert.That(ex.Errors, Is.Not.Empty);
            Assert.That(ex.Errors.Count, Is.LessThanOrEqualTo(ScenarioLoader.MaxErrors + 1));
            ScenarioError? longest = ex.Errors.MaxBy(e => e.Message.Length);
            Assert.That(longest!.Message.Length, Is.InRange(1, 1000), () => "messages are short: " + longest.Message[..Math.Min(300, longest.Message.Length)]);
        }
    }

    /// <summary>The property for results folders: read, or refused naming the file.</summary>
    internal static void ReadsOrRefuses(string dir)
    {
        try
        {
            ResultSet rs = ResultSet.Load(dir);
            Assert.That(rs.Strategies, Is.Not.Empty);
        }
        catch (ResultFolderException ex)
        {
            Assert.That(ex.File, Does.EndWith(".json").Or.EndWith(".csv"));
            Assert.That(ex.Message.Length, Is.LessThan(1000), () => "messages are short: " + ex.Message[..300]);
        }
    }

    /// <summary>A tiny results folder: two strategies, two replications, three months.</summary>
    internal static string TinyResults(CliHarness cli)
    {
        string file = cli.Write("tiny.yaml", """
            name: tiny
            seed: 5
            replications: 2
            horizon: 3
            population: {citizens: 200, neighbourhoods: 4}
            strategies: [traditional, four-cos]
            sweep:
              parameters:
                strategy.recognition: {values: [0, 1]}
            outputs: {report: false}
            """);
        string dir = Path.Combine(cli.Folder, "tiny");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        return dir;
    }
}
