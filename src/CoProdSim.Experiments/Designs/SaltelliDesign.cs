using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Designs;

/// <summary>
/// Saltelli's scheme (Saltelli 2002; Saltelli et al. 2010) for Sobol' indices of k parameters from N base samples
/// (N a power of two). Two matrices A and B of N rows are the first and last k columns of a 2k-dimensional Sobol'
/// sequence (<see cref="SobolSequence"/>; the first N points are skipped, so the N used form a whole block of the
/// sequence). For each base row i the design lists, in order: A_i; for each parameter j, A_i with column j taken from
/// B_i (AB_j); with second order, for each j, B_i with column j taken from A_i (BA_j); then B_i. That is k + 2 points
/// per row, 2k + 2 with second order, in the layout SALib's saltelli sampler writes, so its analysis can read ours.
/// The sequence is randomised by a digital shift drawn from the scenario's seed (<see cref="SobolSequence.Shift"/>),
/// so the design is seeded like every other sampled design; the shift keeps the points' even spread.
/// </summary>
public sealed class SaltelliDesign : IDesign
{
    /// <inheritdoc />
    public SweepMethod Method => SweepMethod.Sobol;

    /// <inheritdoc />
    public bool Samples => true;

    /// <summary>Points per base row.</summary>
    public static int RowSize(int parameters, bool secondOrder) => secondOrder ? 2 * parameters + 2 : parameters + 2;

    /// <inheritdoc />
    public long Count(SweepSpec sweep) => (long)sweep.Samples * RowSize(sweep.Parameters.Count, sweep.Options.SecondOrder);

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed) =>
        Design.Scale(sweep.Parameters, Unit(sweep.Parameters.Count, sweep.Samples, sweep.Options.SecondOrder, SobolSequence.DigitalShift(2 * sweep.Parameters.Count, seed)));

    /// <summary>The design in the unit hypercube: N x (k + 2) rows (N x (2k + 2) with second order).</summary>
    public static List<double[]> Unit(int k, int n, bool secondOrder, uint[]? shift = null)
    {
        if (2 * k > SobolSequence.MaxDimensions) throw new ArgumentOutOfRangeException(nameof(k), k, $"a Sobol' design takes at most {SobolSequence.MaxDimensions / 2} parameters");
        double[][] base_ = SobolSequence.Points(2 * k, n, skip: n, shift);
        var rows = new List<double[]>(n * RowSize(k, secondOrder));
        foreach (double[] ab in base_)
        {
            double[] a = ab[..k], b = ab[k..];
            rows.Add(a);
            for (int j = 0; j < k; j++)
            {
                double[] abj = (double[])a.Clone();
                abj[j] = b[j];
                rows.Add(abj);
            }
            if (secondOrder)
            {
                for (int j = 0; j < k; j++)
                {
                    double[] baj = (double[])b.Clone();
                    baj[j] = a[j];
                    rows.Add(baj);
                }
            }
            rows.Add(b);
        }
        return rows;
    }
}
