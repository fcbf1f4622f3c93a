using MathNet.Numerics.Distributions;

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
        var sample = default(SampleAccumulator);
        foreach (double v in values) sample.Add(v);
        return sample.Estimate;
    }

    /// <summary>Half-width of the interval.</summary>
    public double HalfWidth => (High - Low) / 2;
}

/// <summary>
/// Mean and sample variance of values seen one at a time, so a sample never has to be held in memory (the report
/// reads thousands of replications). The recurrences are those of MathNet's ArrayStatistics.Mean and Variance
/// (5.0.0), term for term, so values added in the same order give the same bits as those functions on an array:
/// summary.csv does not change when the way it is computed does. NaN values are skipped.
/// </summary>
public struct SampleAccumulator
{
    private int _n;
    private double _mean, _sum, _squares;

    /// <summary>Values added, NaN left out.</summary>
    public readonly int Count => _n;

    /// <summary>Adds one value; NaN is ignored (a missing value, as NA in the CSV).</summary>
    public void Add(double x)
    {
        if (double.IsNaN(x)) return;
        _n++;
        _mean += (x - _mean) / _n;
        if (_n == 1)
        {
            _sum = x;
            return;
        }
        _sum += x;
        double diff = (_n * x) - _sum;
        _squares += (diff * diff) / ((double)_n * (_n - 1));
    }

    /// <summary>Arithmetic mean; NaN when empty.</summary>
    public readonly double Mean => _n == 0 ? double.NaN : _mean;

    /// <summary>Sample standard deviation (n - 1 in the denominator); NaN below two values.</summary>
    public readonly double StandardDeviation => _n <= 1 ? double.NaN : Math.Sqrt(_squares / (_n - 1));

    /// <summary>Mean, standard deviation and Student's t interval, as <see cref="Estimate.Of"/> defines them.</summary>
    public readonly Estimate Estimate
    {
        get
        {
            if (_n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, double.NaN, 0);
            if (_n == 1) return new Estimate(_mean, double.NaN, double.NaN, double.NaN, 1);
            double sd = StandardDeviation;
            double half = StudentT.InvCDF(0, 1, _n - 1, 0.975) * sd / Math.Sqrt(_n);
            return new Estimate(_mean, sd, _mean - half, _mean + half, _n);
        }
    }
}
