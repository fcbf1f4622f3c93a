using CoProdSim.Engine.Random;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CoProdSim.Tests.Engine;

/// <summary>
/// Statistical contract of the keyed random streams. Sample sizes and thresholds are chosen so that a correct
/// generator fails with probability well under 1e-4 per assertion (4 standard errors or more), while a biased or
/// correlated one (a mean off by 1%, a correlation of 0.03) fails for certain. Seeds are fixed, so results are exact.
/// </summary>
public class RandomStreamTests
{
    private const int N = 200_000;

    [Test]
    public void UniformMeanAndVarianceMatchTheory()
    {
        var s = new RandomStream(42, 7, 3, 1);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = s.NextDouble();
        double mean = x.Mean(), variance = x.Variance();
        // Standard error of the mean: sqrt(1/12/N) = 0.00065; of the variance: sqrt(1/180/N) = 0.00017.
        Assert.That(mean, Is.EqualTo(0.5).Within(0.003));
        Assert.That(variance, Is.EqualTo(1.0 / 12).Within(0.0008));
        Assert.That(x.Minimum(), Is.GreaterThanOrEqualTo(0.0));
        Assert.That(x.Maximum(), Is.LessThan(1.0));
    }

    [Test]
    public void StandardNormalPassesKolmogorovSmirnovAgainstMathNetNormal()
    {
        const int n = 20_000;
        var s = new RandomStream(2024, 1, 0, 9);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = s.NextStandardNormal();
        double d = KolmogorovSmirnov(x, v => Normal.CDF(0, 1, v));
        // Critical value at alpha = 0.001: 1.949 / sqrt(n) = 0.0138.
        Assert.That(d, Is.LessThan(1.949 / Math.Sqrt(n)));
    }

    [Test]
    public void MathNetNormalSampledFromAStreamPassesKolmogorovSmirnov()
    {
        const int n = 20_000;
        var rng = new StreamRandom(new StreamKey(99, 0, 0, 2));
        var normal = new Normal(10, 2, rng);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = normal.Sample();
        double d = KolmogorovSmirnov(x, v => Normal.CDF(10, 2, v));
        Assert.That(d, Is.LessThan(1.949 / Math.Sqrt(n)));
        Assert.That(rng.Position, Is.GreaterThanOrEqualTo((ulong)n), "MathNet must draw from the keyed stream");
    }

    [TestCase(0, Description = "entity differs by one")]
    [TestCase(1, Description = "tick differs by one")]
    [TestCase(2, Description = "purpose differs by one")]
    [TestCase(3, Description = "seed differs by one")]
    public void StreamsWhoseKeysDifferByOneAreUncorrelated(int field)
    {
        var a = new StreamKey(1000, 500, 20, 4);
        StreamKey b = field switch
        {
            0 => a with { Entity = a.Entity + 1 },
            1 => a with { Tick = a.Tick + 1 },
            2 => a with { Purpose = a.Purpose + 1 },
            _ => a with { Seed = a.Seed + 1 },
        };
        var sa = new RandomStream(a);
        var sb = new RandomStream(b);
        double[] x = new double[N], y = new double[N];
        for (int i = 0; i < N; i++)
        {
            x[i] = sa.NextDouble();
            y[i] = sb.NextDouble();
        }
        double r = Correlation.Pearson(x, y);
        // Under independence r ~ N(0, 1/N): 5 standard errors = 0.011.
        Assert.That(Math.Abs(r), Is.LessThan(5 / Math.Sqrt(N)));
        // Lagged cross-correlation catches one stream being a shifted copy of the other.
        double lagged = Correlation.Pearson(x.AsSpan(1).ToArray(), y.AsSpan(0, N - 1).ToArray());
        Assert.That(Math.Abs(lagged), Is.LessThan(5 / Math.Sqrt(N)));
    }

    [Test]
    public void FirstDrawsOfAdjacentEntitiesAreUncorrelated()
    {
        // The model opens one stream per (entity, tick) and takes only a few draws: the first draws across
        // entities must themselves look independent.
        double[] x = new double[N], y = new double[N];
        for (int e = 0; e < N; e++)
        {
            var s = new RandomStream(5, e, 1, 0);
            x[e] = s.NextDouble();
            y[e] = new RandomStream(5, e + 1, 1, 0).NextDouble();
        }
        Assert.That(x.Mean(), Is.EqualTo(0.5).Within(0.003));
        Assert.That(Math.Abs(Correlation.Pearson(x, y)), Is.LessThan(5 / Math.Sqrt(N)));
    }

    [Test]
    public void SameKeyGivesSameSequence()
    {
        var a = new RandomStream(3, 4, 5, 6);
        var b = new RandomStream(new StreamKey(3, 4, 5, 6));
        for (int i = 0; i < 1000; i++) Assert.That(a.NextUInt64(), Is.EqualTo(b.NextUInt64()));
    }

    [Test]
    public void NextIntIsUnbiasedByChiSquare()
    {
        const int k = 7, n = 70_000;
        var s = new RandomStream(11, 0, 0, 0);
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) counts[s.NextInt(k)]++;
        double expected = (double)n / k, chi2 = 0;
        foreach (int c in counts) chi2 += (c - expected) * (c - expected) / expected;
        // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
        Assert.That(chi2, Is.LessThan(22.46));
    }

    [Test]
    public void BetaByMeanHasTheRequestedMean()
    {
        var s = new RandomStream(12, 0, 0, 0);
        double sum = 0;
        const int n = 50_000;
        for (int i = 0; i < n; i++) sum += s.NextBetaMean(0.3, 10);
        // sd of Beta(3,7) = 0.138, standard error 0.0006.
        Assert.That(sum / n, Is.EqualTo(0.3).Within(0.003));
    }

    [Test]
    public void DerivedSeedsDifferAndRepeat()
    {
        var seen = new HashSet<ulong>();
        for (ulong i = 0; i < 10_000; i++) Assert.That(seen.Add(Mixer.DeriveSeed(1, i)), Is.True);
        Assert.That(Mixer.DeriveSeed(1, 5), Is.EqualTo(Mixer.DeriveSeed(1, 5)));
        Assert.That(Mixer.DeriveSeed(1, 5), Is.Not.EqualTo(Mixer.DeriveSeed(2, 5)));
    }

    private static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        double[] x = (double[])sample.Clone();
        Array.Sort(x);
        double d = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max(f - (double)i / x.Length, (double)(i + 1) / x.Length - f));
        }
        return d;
    }
}
