namespace CoProdSim.Experiments.Sensitivity;

/// <summary>Sobol' indices of k parameters, each with its bootstrap 95% interval.</summary>
public sealed record SobolIndices(IReadOnlyList<IndexEstimate> First, IReadOnlyList<IndexEstimate> Total, IndexEstimate[,]? Second);

/// <summary>
/// Sobol' indices from the responses of a Saltelli design (<see cref="Designs.SaltelliDesign"/>), with the estimators
/// SALib uses: first order S1 of Saltelli et al. (2010), total order ST of Jansen (1999), second order S2 of
/// Saltelli (2002); the responses are first standardised (mean 0, sd 1) as SALib does. Confidence intervals resample
/// the N base rows (<see cref="Bootstrap"/>).
/// </summary>
public static class SobolAnalysis
{
    /// <summary>Indices from <paramref name="y"/>, the responses in design order (N x (k + 2) or N x (2k + 2)).</summary>
    public static SobolIndices Analyse(IReadOnlyList<double> y, int k, bool secondOrder, ulong seed, int resamples = Bootstrap.DefaultResamples)
    {
        int step = Designs.SaltelliDesign.RowSize(k, secondOrder);
        if (y.Count == 0 || y.Count % step != 0) throw new ArgumentException($"{y.Count} responses is not a multiple of {step} (a Saltelli design of {k} parameters{(secondOrder ? " with second order" : "")})", nameof(y));
        int n = y.Count / step;
        double mean = y.Average();
        double sd = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Count);
        if (sd == 0 || double.IsNaN(sd)) sd = 1;
        var a = new double[n];
        var b = new double[n];
        var ab = new double[k][];
        var ba = new double[k][];
        for (int j = 0; j < k; j++)
        {
            ab[j] = new double[n];
            ba[j] = new double[n];
        }
        for (int i = 0; i < n; i++)
        {
            double Z(int offset) => (y[i * step + offset] - mean) / sd;
            a[i] = Z(0);
            b[i] = Z(step - 1);
            for (int j = 0; j < k; j++)
            {
                ab[j][i] = Z(1 + j);
                if (secondOrder) ba[j][i] = Z(1 + k + j);
            }
        }
        int pairs = secondOrder ? k * (k - 1) / 2 : 0;
        IndexEstimate[] est = Bootstrap.Estimate(n, 2 * k + pairs, (rows, outValues) =>
        {
            double v = Variance(rows, a, b);
            var s1 = new double[k];
            for (int j = 0; j < k; j++)
            {
                double first = 0, total = 0;
                foreach (int r in rows)
                {
                    first += b[r] * (ab[j][r] - a[r]);
                    total += (a[r] - ab[j][r]) * (a[r] - ab[j][r]);
                }
                s1[j] = first / rows.Length / v;
                outValues[j] = s1[j];
                outValues[k + j] = 0.5 * total / rows.Length / v;
            }
            int c = 2 * k;
            for (int j = 0; j < k && secondOrder; j++)
            {
                for (int l = j + 1; l < k; l++)
                {
                    double vjl = 0;
                    foreach (int r in rows) vjl += ba[j][r] * ab[l][r] - a[r] * b[r];
                    outValues[c++] = vjl / rows.Length / v - s1[j] - s1[l];
                }
            }
        }, seed, resamples);
        IndexEstimate[,]? second = null;
        if (secondOrder)
        {
            second = new IndexEstimate[k, k];
            int c = 2 * k;
            for (int j = 0; j < k; j++)
                for (int l = 0; l < k; l++) second[j, l] = new IndexEstimate(double.NaN, double.NaN, double.NaN);
            for (int j = 0; j < k; j++)
                for (int l = j + 1; l < k; l++) second[j, l] = est[c++];
        }
        return new SobolIndices(est[..k], est[k..(2 * k)], second);
    }

    /// <summary>Population variance of the A and B responses of the selected rows together.</summary>
    private static double Variance(int[] rows, double[] a, double[] b)
    {
        double sum = 0, squares = 0;
        foreach (int r in rows)
        {
            sum += a[r] + b[r];
            squares += a[r] * a[r] + b[r] * b[r];
        }
        int n = 2 * rows.Length;
        double mean = sum / n;
        return squares / n - mean * mean;
    }
}
