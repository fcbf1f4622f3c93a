using CoProdSim.Engine.Random;
using CoProdSim.Experiments.Designs;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Sensitivity;

namespace CoProdSim.Tests.Experiments;

/// <summary>The designs and the sensitivity indices against published and analytic answers.</summary>
public class SensitivityTests
{
    [Test]
    public void SobolSequenceStartsAsJoeAndKuoPublished()
    {
        // Joe & Kuo's generator (new-joe-kuo-6.21201), dimensions 1 to 3, points 0 to 7.
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];
        Assert.That(SobolSequence.Points(3, 8), Is.EqualTo(expected));
    }

    [Test]
    public void SobolSequenceIsBalancedInEveryDimension()
    {
        // Every block of 2^m points from the start puts exactly one point in each interval of width 2^-m, in every dimension.
        double[][] points = SobolSequence.Points(SobolSequence.MaxDimensions, 64);
        for (int d = 0; d < SobolSequence.MaxDimensions; d++)
            Assert.That(points.Select(p => (int)(p[d] * 64)).Distinct().Count(), Is.EqualTo(64), $"dimension {d + 1}");
    }

    [TestCase(false, 3, 256, 256 * 5)]
    [TestCase(true, 3, 256, 256 * 8)]
    [TestCase(false, 16, 64, 64 * 18)]
    [TestCase(true, 16, 64, 64 * 34)]
    public void SaltelliDesignHasNTimesKPlusTwoOrTwoKPlusTwoPoints(bool second, int k, int n, int count)
    {
        var parameters = Enumerable.Range(0, k).Select(i => new SweepParameter($"p{i}", 0, 1, 0, null, false)).ToList();
        var sweep = new SweepSpec(SweepMethod.Sobol, n, parameters, []) { Options = new DesignOptions { SecondOrder = second } };
        Assert.That(SweepPoints.Count(sweep), Is.EqualTo(count));
        Assert.That(SweepPoints.Generate(sweep, 1), Has.Count.EqualTo(count));
    }

    private static double Ishigami(double[] x) => Math.Sin(x[0]) + 7 * Math.Sin(x[1]) * Math.Sin(x[1]) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);

    private static SobolIndices Analyse(Func<double[], double> f, int k, int n, bool second, double lo, double hi)
    {
        List<double[]> unit = SaltelliDesign.Unit(k, n, second);
        double[] y = unit.Select(u => f(u.Select(v => lo + v * (hi - lo)).ToArray())).ToArray();
        return SobolAnalysis.Analyse(y, k, second, seed: 11);
    }

    [Test]
    public void IshigamiIndicesMatchTheAnalyticValues()
    {
        // Ishigami & Homma (1990), a = 7, b = 0.1, inputs uniform on [-pi, pi]; N = 2048 base samples.
        double[] s1 = [0.3139, 0.4424, 0], st = [0.5576, 0.4424, 0.2437];
        SobolIndices ix = Analyse(Ishigami, 3, 2048, second: true, -Math.PI, Math.PI);
        for (int j = 0; j < 3; j++)
        {
            Assert.That(s1[j], Is.InRange(ix.First[j].Low, ix.First[j].High), $"S1[{j}] = {ix.First[j]}");
            Assert.That(st[j], Is.InRange(ix.Total[j].Low, ix.Total[j].High), $"ST[{j}] = {ix.Total[j]}");
            Assert.That(ix.First[j].Value, Is.EqualTo(s1[j]).Within(0.03), $"S1[{j}]");
            Assert.That(ix.Total[j].Value, Is.EqualTo(st[j]).Within(0.03), $"ST[{j}]");
        }
        // The only interaction is x1 with x3: S13 = ST1 - S1 = 0.2437; the others are 0.
        Assert.That(ix.Second![0, 2].Value, Is.EqualTo(0.2437).Within(0.06));
        Assert.That(ix.Second[0, 1].Value, Is.EqualTo(0).Within(0.06));
        Assert.That(ix.Second[1, 2].Value, Is.EqualTo(0).Within(0.06));
    }

    [Test]
    public void SobolGFunctionIndicesMatchTheAnalyticValues()
    {
        // Sobol's G-function, a = [0, 1, 4.5, 9, 99, 99, 99, 99], inputs uniform on [0, 1]; N = 4096.
        double[] a = [0, 1, 4.5, 9, 99, 99, 99, 99];
        double G(double[] x) => x.Select((v, i) => (Math.Abs(4 * v - 2) + a[i]) / (1 + a[i])).Aggregate(1.0, (p, v) => p * v);
        double[] vi = a.Select(ai => 1 / (3 * (1 + ai) * (1 + ai))).ToArray();
        double v = vi.Aggregate(1.0, (p, x) => p * (1 + x)) - 1;
        SobolIndices ix = Analyse(G, 8, 4096, second: false, 0, 1);
        for (int j = 0; j < 8; j++)
        {
            double s1 = vi[j] / v, st = vi[j] * vi.Where((_, i) => i != j).Aggregate(1.0, (p, x) => p * (1 + x)) / v;
            Assert.That(ix.First[j].Value, Is.EqualTo(s1).Within(Math.Max(0.02, ix.First[j].High - ix.First[j].Value)), $"S1[{j}]");
            Assert.That(ix.Total[j].Value, Is.EqualTo(st).Within(Math.Max(0.02, ix.Total[j].High - ix.Total[j].Value)), $"ST[{j}]");
        }
    }

    [Test]
    public void BootstrapIntervalsAreSeeded()
    {
        SobolIndices a = Analyse(Ishigami, 3, 256, false, -Math.PI, Math.PI), b = Analyse(Ishigami, 3, 256, false, -Math.PI, Math.PI);
        Assert.That(a.First, Is.EqualTo(b.First));
        Assert.That(a.First[0].Low, Is.LessThan(a.First[0].Value));
    }

    [Test]
    public void MorrisMuStarRanksLinearCoefficientsAndScalesByRange()
    {
        // y = sum c_j x_j: every elementary effect of x_j is c_j times its range, so mu* = |c_j| (max - min) exactly.
        double[] c = [10, -5, 2, 1, 0.5, 0];
        double[] min = [0, 0, 0, 0, 0, 0], max = [1, 1, 1, 1, 1, 1];
        max[3] = 4; // x4 has range 4: mu* = 4
        var parameters = c.Select((_, j) => new SweepParameter($"p{j}", min[j], max[j], 0, null, false)).ToList();
        var sweep = new SweepSpec(SweepMethod.Morris, 0, parameters, []) { Options = new DesignOptions { Trajectories = 10, Levels = 4 } };
        IReadOnlyList<IReadOnlyList<double>> points = SweepPoints.Generate(sweep, 5);
        Assert.That(points, Has.Count.EqualTo(10 * 7));
        double[] y = points.Select(x => x.Select((v, j) => c[j] * v).Sum()).ToArray();
        IReadOnlyList<MorrisMeasures> m = MorrisAnalysis.Analyse(points, min, max, y, 1);
        double[] expected = [10, 5, 2, 4, 0.5, 0];
        for (int j = 0; j < c.Length; j++)
        {
            Assert.That(m[j].MuStar.Value, Is.EqualTo(expected[j]).Within(1e-9), $"mu*[{j}]");
            Assert.That(m[j].Sigma.Value, Is.EqualTo(0).Within(1e-9), $"sigma[{j}]: linear, no interaction");
        }
        Assert.That(m[1].Mu.Value, Is.EqualTo(-5).Within(1e-9), "mu keeps the sign");
        int[] rank = Enumerable.Range(0, c.Length).OrderByDescending(j => m[j].MuStar.Value).ToArray();
        Assert.That(rank, Is.EqualTo(new[] { 0, 1, 3, 2, 4, 5 }));
    }

    [Test]
    public void MorrisTrajectoriesMoveOneParameterByDeltaOnTheGrid()
    {
        double delta = MorrisDesign.Delta(6);
        for (int t = 0; t < 20; t++)
        {
            double[][] traj = MorrisDesign.Trajectory(5, 6, new RandomStream(3, t, 0, 1));
            var moved = new HashSet<int>();
            for (int s = 0; s < 5; s++)
            {
                int[] changed = Enumerable.Range(0, 5).Where(j => traj[s + 1][j] != traj[s][j]).ToArray();
                Assert.That(changed, Has.Length.EqualTo(1));
                Assert.That(Math.Abs(traj[s + 1][changed[0]] - traj[s][changed[0]]), Is.EqualTo(delta).Within(1e-12));
                moved.Add(changed[0]);
            }
            Assert.That(moved, Has.Count.EqualTo(5), "each parameter moves once");
            foreach (double v in traj.SelectMany(p => p)) Assert.That(v * 5, Is.EqualTo(Math.Round(v * 5)).Within(1e-9), "on the grid");
        }
    }

    [Test]
    public void MorrisChosenTrajectoriesAreMoreSpreadThanUnchosen()
    {
        List<double[][]> chosen = MorrisDesign.Unit(6, 8, 4, 64, seed: 9);
        List<double[][]> first = MorrisDesign.Unit(6, 8, 4, 8, seed: 9);
        Assert.That(MorrisDesign.Spread(chosen), Is.GreaterThan(MorrisDesign.Spread(first)));
    }

    [TestCase("final", 5.0)]
    [TestCase("sum", 15.0)]
    [TestCase("mean_last_2", 4.5)]
    [TestCase("mean_last_12", 3.0)]
    public void StatisticsOfASeries(string name, double expected)
    {
        double[] byMonth = [100, 1, 2, 3, 4, 5]; // month 0 is the initial state, left out of sums and means
        Assert.That(ResponseStatistic.Parse(name).Of(byMonth), Is.EqualTo(expected));
    }
}
