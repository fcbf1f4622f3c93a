using CoProdSim.Benchmarks.Schelling;
using CoProdSim.Engine;
using CoProdSim.Engine.Recording;

namespace CoProdSim.Tests.Benchmarks;

/// <summary>
/// The Schelling yardstick follows the ABM framework comparison's declaration (explicit agents, a neighbour search at
/// each activation, sequential random activation, moves to a random empty cell) and segregates as it should; the
/// kept-counts variant, timed beside it, keeps counts that agree with a scan of the grid.
/// </summary>
public class SchellingTests
{
    private static SchellingSpec Spec(string size) => size == "small" ? SchellingSpec.Small : SchellingSpec.Large;

    private static (double[] Unhappy, double[] Segregation, SchellingModel Model) Run(SchellingSpec spec, ulong seed, int steps = 20)
    {
        var model = new SchellingModel(spec, seed);
        var segregation = new double[steps + 1];
        segregation[0] = model.SegregationIndex();
        var sink = new MemorySink();
        using (var recorder = new MetricRecorder(sink, 2))
        {
            using var sim = new Simulation(model, 1);
            for (int s = 1; s <= steps; s++)
            {
                sim.Run(1, recorder); // the first call also records tick 0
                segregation[s] = model.SegregationIndex();
            }
        }
        return (sink.Rows.Select(r => r.Values[0]).ToArray(), segregation, model);
    }

    /// <summary>Every agent on its own cell, the grid pointing back at it, the empty cells exactly the rest.</summary>
    private static void AssertConsistent(SchellingModel model)
    {
        SchellingSpec spec = model.Spec;
        int cells = spec.Width * spec.Height;
        SchellingAgent[] agents = model.Agents.ToArray();
        int[] grid = model.Grid.ToArray();
        Assert.That(agents, Has.Length.EqualTo(spec.Agents), "agents conserved");
        Assert.That(agents.Select(a => a.Position).Distinct().Count(), Is.EqualTo(spec.Agents), "no two agents on a cell");
        for (int a = 0; a < agents.Length; a++)
        {
            Assert.That(agents[a].Id, Is.EqualTo(a));
            Assert.That(agents[a].Position, Is.InRange(0, cells - 1));
            Assert.That(grid[agents[a].Position], Is.EqualTo(a), $"the grid points back at agent {a}");
        }
        Assert.That(agents.Count(a => a.Group == 0), Is.EqualTo(spec.Agents / 2), "two equal groups");
        Assert.That(agents.Count(a => a.Group == 1), Is.EqualTo(spec.Agents / 2));
        int[] empty = model.EmptyCells.ToArray();
        Assert.That(empty, Has.Length.EqualTo(cells - spec.Agents));
        Assert.That(empty.Concat(agents.Select(a => a.Position)).Order(), Is.EqualTo(Enumerable.Range(0, cells)), "empty cells are exactly the unoccupied ones");
        Assert.That(empty.All(c => grid[c] == spec.Agents), Is.True, "empty cells hold the sentinel id");
    }

    /// <summary>Same-group agents within Chebyshev distance r, by comparing every pair of agents (no grid).</summary>
    private static int BruteForceAlike(SchellingModel model, int a)
    {
        SchellingSpec spec = model.Spec;
        ReadOnlySpan<SchellingAgent> agents = model.Agents;
        int ax = agents[a].Position % spec.Width, ay = agents[a].Position / spec.Width, count = 0;
        for (int b = 0; b < agents.Length; b++)
        {
            if (b == a || agents[b].Group != agents[a].Group) continue;
            int bx = agents[b].Position % spec.Width, by = agents[b].Position / spec.Width;
            if (Math.Max(Math.Abs(ax - bx), Math.Abs(ay - by)) <= spec.Radius) count++;
        }
        return count;
    }

    [TestCase("small")]
    [TestCase("large")]
    public void PlacementFollowsTheSpecificationAndBothVariantsShareIt(string size)
    {
        SchellingSpec spec = Spec(size);
        var model = new SchellingModel(spec, 12345);
        AssertConsistent(model);
        var kept = new SchellingKeptCountsModel(spec, 12345);
        Assert.That(kept.Positions.ToArray(), Is.EqualTo(model.Agents.ToArray().Select(a => a.Position).ToArray()), "same seed, same placement");
        Assert.That(kept.CountUnhappy(), Is.EqualTo(model.CountUnhappy()), "the two variants agree on who is unhappy at the start");
    }

    // Measured over seeds 1-5: small starts at 539-566 unhappy (of 1,000), 101-130 move in step 5, 0-5 in step 20,
    // and the segregation index goes from 0.49-0.51 to 0.86-0.88; large: 1,779-1,840, 517-556, 0-14, and 0.50 to
    // 0.82-0.84. The ranges leave room for other seeds, not for another model.
    [TestCase("small", 450, 650, 0, 20, 0.82, Description = "1,000 agents on 40x40, radius 1, at least 3 alike")]
    [TestCase("large", 1600, 2100, 0, 60, 0.78, Description = "8,000 agents on 100x100, radius 2, at least 8 alike")]
    public void AgentsSegregateUnhappinessFallsAndStateStaysConsistent(string size, int startLow, int startHigh, int endLow, int endHigh, double segregatedAbove)
    {
        SchellingSpec spec = Spec(size);
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5 })
        {
            var (unhappy, segregation, model) = Run(spec, seed);
            TestContext.Out.WriteLine($"{size} seed {seed}: unhappy {unhappy[0]} -> {unhappy[5]} -> {unhappy[20]}; segregation {segregation[0]:F3} -> {segregation[20]:F3}");
            Assert.That(unhappy, Has.Length.EqualTo(21));
            Assert.That(unhappy[0], Is.InRange(startLow, startHigh), $"seed {seed}: at random placement");
            Assert.That(unhappy[20], Is.InRange(endLow, endHigh), $"seed {seed}: after 20 steps");
            Assert.That(unhappy[5], Is.LessThan(unhappy[0] / 2), $"seed {seed}: most of the fall comes early");
            Assert.That(unhappy[20], Is.LessThanOrEqualTo(unhappy[5]), $"seed {seed}: no rebound");
            Assert.That(segregation[0], Is.InRange(0.45, 0.55), $"seed {seed}: random placement is unsegregated");
            Assert.That(segregation[20], Is.GreaterThan(segregatedAbove), $"seed {seed}: segregated after 20 steps");
            Assert.That(segregation[20], Is.GreaterThan(segregation[5]).Or.EqualTo(segregation[5]).Within(0.02), $"seed {seed}: no reversal");
            // The happy flags are the searches' verdicts: after a step, the flagged-unhappy agents are those that moved.
            Assert.That(model.CountUnhappy(), Is.EqualTo(model.LastMoves));
            AssertConsistent(model);
            // The search finds what a comparison of every pair of agents finds.
            for (int a = 0; a < spec.Agents; a += size == "small" ? 1 : 7)
                Assert.That(model.CountAlike(a), Is.EqualTo(BruteForceAlike(model, a)), $"seed {seed}, agent {a}");
        }
    }

    [Test]
    public void KeptCountsVariantSegregatesAndItsCountsAgreeWithAScan()
    {
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            var model = new SchellingKeptCountsModel(SchellingSpec.Large, seed);
            int start = model.CountUnhappy();
            using var sim = new Simulation(model, 1);
            for (int s = 0; s < 20; s++) sim.Step();
            Assert.That(start, Is.InRange(1600, 2100), $"seed {seed}");
            Assert.That(model.CountUnhappy(), Is.InRange(0, 60), $"seed {seed}");
            for (int a = 0; a < SchellingSpec.Large.Agents; a++) Assert.That(model.IsHappy(a), Is.EqualTo(model.IsHappyByScan(a)), $"agent {a}");
        }
    }

    [Test]
    public void SameSeedSameHistory()
    {
        var (a, sa, ma) = Run(SchellingSpec.Small, 77);
        var (b, sb, mb) = Run(SchellingSpec.Small, 77);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(sb, Is.EqualTo(sa));
        Assert.That(mb.Agents.ToArray(), Is.EqualTo(ma.Agents.ToArray()));
        var (c, _, mc) = Run(SchellingSpec.Small, 78);
        Assert.That(c, Is.Not.EqualTo(a));
        Assert.That(mc.Agents.ToArray().Select(x => x.Position), Is.Not.EqualTo(ma.Agents.ToArray().Select(x => x.Position)));
    }

    [Test]
    public void CommandPrintsEachRunAndTheMedianOfEitherVariant()
    {
        var output = new StringWriter();
        Assert.That(SchellingCommand.Run(["small", "--runs", "3"], output), Is.Zero);
        string[] lines = output.ToString().Trim().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[0], Does.StartWith("run 1: "));
        Assert.That(lines[^1], Does.Match(@"^schelling_small_median_ms=\d+\.\d+$"));
        output = new StringWriter();
        Assert.That(SchellingCommand.Run(["large", "--variant", "kept-counts", "--runs", "2"], output), Is.Zero);
        Assert.That(output.ToString().Trim().Split('\n')[^1], Does.Match(@"^schelling_large_kept_counts_median_ms=\d+\.\d+$"));
        Assert.That(SchellingCommand.Run(["huge"], new StringWriter()), Is.EqualTo(2));
        Assert.That(SchellingCommand.Run(["small", "--variant", "fast"], new StringWriter()), Is.EqualTo(2));
        Assert.That(SchellingCommand.Run(["small", "--runs", "0"], new StringWriter()), Is.EqualTo(2));
    }
}
