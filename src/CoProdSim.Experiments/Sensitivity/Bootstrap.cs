using CoProdSim.Engine.Random;

namespace CoProdSim.Experiments.Sensitivity;

/// <summary>An index with its bootstrap 95% confidence interval.</summary>
public readonly record struct IndexEstimate(double Value, double Low, double High);

/// <summary>
/// Bootstrap confidence intervals as SALib computes them: the statistic on <c>resamples</c> resamples of the rows
/// (drawn with replacement from keyed streams, so a seed gives the same intervals), the interval the estimate plus
/// and minus 1.96 standard deviations of the resampled values (a normal interval; Efron &amp; Tibshirani 1993, ch. 13).
/// </summary>
public static class Bootstrap
{
    /// <summary>Resamples SALib uses by default.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>z(0.975).</summary>
    public const double Z = 1.959963984540054;

    /// <summary>Row indexes of resample <paramref name="b"/> of <paramref name="n"/> rows.</summary>
    public static int[] Rows(ulong seed, int b, int n)
    {
        var rng = new RandomStream(seed, b, n, 0x4253); // "BS"
        var rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = rng.NextInt(n);
        return rows;
    }

    /// <summary>
    /// Estimates of several statistics of the same rows at once: <paramref name="statistics"/> fills one value per
    /// statistic from a selection of rows (all rows, then each resample).
    /// </summary>
    public static IndexEstimate[] Estimate(int n, int count, Action<int[], double[]> statistics, ulong seed, int resamples = DefaultResamples)
    {
        int[] all = Enumerable.Range(0, n).ToArray();
        var point = new double[count];
        statistics(all, point);
        var sums = new double[count];
        var squares = new double[count];
        var valid = new int[count];
        var sample = new double[count];
        for (int b = 0; b < resamples; b++)
        {
            statistics(Rows(seed, b, n), sample);
            for (int c = 0; c < count; c++)
            {
                if (double.IsNaN(sample[c])) continue;
                valid[c]++;
                sums[c] += sample[c];
                squares[c] += sample[c] * sample[c];
            }
        }
        var result = new IndexEstimate[count];
        for (int c = 0; c < count; c++)
        {
            double mean = sums[c] / valid[c];
            double sd = valid[c] > 1 ? Math.Sqrt(Math.Max(0, (squares[c] - valid[c] * mean * mean) / (valid[c] - 1))) : double.NaN;
            result[c] = new IndexEstimate(point[c], point[c] - Z * sd, point[c] + Z * sd);
        }
        return result;
    }
}
