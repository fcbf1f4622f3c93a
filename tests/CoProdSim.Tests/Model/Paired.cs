namespace CoProdSim.Tests.Model;

/// <summary>
/// Paired replications: both arms of a comparison run with the same seed, so they share the population, network and
/// every random draw that the change does not touch, and the difference measures the change rather than the draw.
/// <para>
/// A claim passes when the mean paired difference is at least a stated effect size AND more than three standard
/// errors of the paired differences. Under a normal approximation, a change with no true effect passes the 3-SE
/// rule with a one-sided probability of about 0.13%; with five pairs the standard error is itself estimated, and
/// Student's t with 4 degrees of freedom puts that rate at about 2%, which the effect-size floor cuts further, since a
/// null effect must also reach that size by chance. Seeds are fixed, so each test gives the same answer every time:
/// the rate says how likely a model without the effect is to slip through, not how often the test flickers.
/// </para>
/// </summary>
internal static class Paired
{
    /// <summary>The default seeds: five pairs, the fewest for which three standard errors mean something.</summary>
    public static readonly ulong[] Seeds = [11, 22, 33, 44, 55];

    /// <summary>Ten pairs, for effects of a few percent that single runs vary by about as much.</summary>
    public static readonly ulong[] TenSeeds = [11, 22, 33, 44, 55, 66, 77, 88, 99, 110];

    /// <summary>One result per seed, <c>run(seed)</c>, computed in parallel (each run is deterministic in its seed, so the order does not matter).</summary>
    public static T[] Replicate<T>(Func<ulong, T> run, IReadOnlyList<ulong>? seeds = null)
    {
        seeds ??= Seeds;
        T[] result = new T[seeds.Count];
        Parallel.For(0, seeds.Count, k => result[k] = run(seeds[k]));
        return result;
    }

    /// <summary>The paired differences <c>difference(seed)</c>, one per seed.</summary>
    public static double[] Differences(Func<ulong, double> difference, IReadOnlyList<ulong>? seeds = null) => Replicate(difference, seeds);

    /// <summary>
    /// Asserts that <paramref name="difference"/> (treatment minus control, run on the same seed) is on average at
    /// least <paramref name="effect"/> and more than three standard errors above zero.
    /// </summary>
    public static double[] AssertAtLeast(string what, double effect, Func<ulong, double> difference, IReadOnlyList<ulong>? seeds = null)
    {
        double[] d = Differences(difference, seeds);
        AssertAtLeast(what, effect, d);
        return d;
    }

    /// <summary>The check of <see cref="AssertAtLeast(string, double, Func{ulong, double}, IReadOnlyList{ulong}?)"/> on differences already computed.</summary>
    public static void AssertAtLeast(string what, double effect, IReadOnlyList<double> differences)
    {
        if (differences.Count < 2) throw new ArgumentException("a standard error needs at least two pairs", nameof(differences));
        (double mean, double se) = MeanAndStandardError(differences);
        string values = string.Join(", ", differences.Select(x => x.ToString("G4")));
        Assert.That(mean, Is.GreaterThanOrEqualTo(effect), $"{what}: mean paired difference {mean:G4} below the effect size {effect:G4} ({values})");
        Assert.That(mean, Is.GreaterThan(3 * se), $"{what}: mean paired difference {mean:G4} not above 3 standard errors ({3 * se:G4}; {values})");
    }

    /// <summary>Mean and standard error (sample standard deviation over the square root of the count).</summary>
    public static (double Mean, double StandardError) MeanAndStandardError(IReadOnlyList<double> x)
    {
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
        return (mean, sd / Math.Sqrt(x.Count));
    }
}
