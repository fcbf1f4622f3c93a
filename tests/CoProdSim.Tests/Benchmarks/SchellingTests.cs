using CoProdSim.Benchmarks.Schelling;
using CoProdSim.Engine;
using CoProdSim.Engine.Recording;

namespace CoProdSim.Tests.Benchmarks;

/// <summary>The reference Schelling model follows the comparison's specification and segregates as it should.</summary>
public class SchellingTests
{
    private static (double[] Unhappy, SchellingModel Model) Run(SchellingSpec spec, ulong seed)
    {
        var model = new SchellingModel(spec, seed);
        var sink = new MemorySink();
        using (var recorder = new MetricRecorder(sink, 2)) new Simulation(model, 1).Run(20, recorder);
        return (sink.Rows.Select(r => r.Values[0]).ToArray(), model);
    }

    [TestCase("small")]
    [TestCase("large")]
    public void PlacementFollowsTheSpecification(string size)
    {
        SchellingSpec spec = size == "small" ? SchellingSpec.Small : SchellingSpec.Large;
        var model = new SchellingModel(spec, 12345);
        int cells = spec.Width * spec.Height;
        Assert.That(model.Positions.ToArray().Distinct().Count(), Is.EqualTo(spec.Agents), "distinct cells");
        Assert.That(model.Positions.ToArray().All(c => c >= 0 && c < cells), Is.True);
        Assert.That(model.Cells.ToArray().Count(g => g == 0), Is.EqualTo(spec.Agents / 2), "two equal groups");
        Assert.That(model.Cells.ToArray().Count(g => g == 1), Is.EqualTo(spec.Agents / 2));
        Assert.That(model.Cells.ToArray().Count(g => g == -1), Is.EqualTo(cells - spec.Agents));
    }

    // Measured over seeds 1-8: small starts at 518-566 unhappy (of 1,000) and ends at 0-4; large starts at
    // 1,779-1,887 (of 8,000) and ends at 0-23. The ranges leave room for other seeds, not for another model.
    [TestCase("small", 450, 650, 0, 20, Description = "1,000 agents on 40x40, radius 1, at least 3 alike")]
    [TestCase("large", 1600, 2100, 0, 60, Description = "8,000 agents on 100x100, radius 2, at least 8 alike")]
    public void UnhappyAgentsFallOverTheStepsAndEndInRange(string size, int startLow, int startHigh, int endLow, int endHigh)
    {
        SchellingSpec spec = size == "small" ? SchellingSpec.Small : SchellingSpec.Large;
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5 })
        {
            var (unhappy, model) = Run(spec, seed);
            Assert.That(unhappy, Has.Length.EqualTo(21));
            Assert.That(unhappy[0], Is.InRange(startLow, startHigh), $"seed {seed}: at random placement");
            Assert.That(unhappy[20], Is.InRange(endLow, endHigh), $"seed {seed}: after 20 steps");
            Assert.That(unhappy[5], Is.LessThan(unhappy[0] / 3), $"seed {seed}: most of the fall comes early");
            Assert.That(unhappy[20], Is.LessThanOrEqualTo(unhappy[5]), $"seed {seed}: no rebound");
            // The kept neighbour counts agree with a scan of the grid for every agent.
            for (int a = 0; a < spec.Agents; a++) Assert.That(model.IsHappy(a), Is.EqualTo(model.IsHappyByScan(a)), $"agent {a}");
        }
    }

    [Test]
    public void SameSeedSameHistory()
    {
        var (a, ma) = Run(SchellingSpec.Small, 77);
        var (b, mb) = Run(SchellingSpec.Small, 77);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(mb.Positions.ToArray(), Is.EqualTo(ma.Positions.ToArray()));
        var (c, _) = Run(SchellingSpec.Small, 78);
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void CommandPrintsEachRunAndTheMedian()
    {
        var output = new StringWriter();
        Assert.That(SchellingCommand.Run(["small", "--runs", "3"], output), Is.Zero);
        string[] lines = output.ToString().Trim().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[0], Does.StartWith("run 1: "));
        Assert.That(lines[^1], Does.Match(@"^schelling_small_median_ms=\d+\.\d+$"));
        Assert.That(SchellingCommand.Run(["huge"], new StringWriter()), Is.EqualTo(2));
    }
}
