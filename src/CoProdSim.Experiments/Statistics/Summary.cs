using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CoProdSim.Experiments.Statistics;

/// <summary>Mean, standard deviation and 95% confidence interval of a sample of replications.</summary>
public readonly record struct Estimate(double Mean, double Sd, double Low, double High, int N)
{
    /// <summary>
    /// Estimates from replications (NaN values are left out). The interval is Student's t:
    /// mean ± t(0.975, n - 1) sd / sqrt(n), the usual interval for the mean of independent replications
    /// (Law 2015, Simulation Modeling and Analysis, ch. 9). With one replication, sd and interval are NaN.
    /// </summary>
    public static Estimate Of(IEnumerable<double> values)
    {
        double[] x = values.Where(v => !double.IsNaN(v)).ToArray();
        int n = x.Length;
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = ArrayStatistics.Mean(x);
        if (n == 1) return new Estimate(mean, double.NaN, double.NaN, double.NaN, 1);
        double sd = ArrayStatistics.StandardDeviation(x);
        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new Estimate(mean, sd, mean - half, mean + half, n);
    }

    /// <summary>Half-width of the interval.</summary>
    public double HalfWidth => (High - Low) / 2;
}
