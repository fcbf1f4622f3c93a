using CoProdSim.Model.Metrics;
using System.Text;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Properties;

/// <summary>
/// Outputs are continuous at parameter bounds, and the model accepts the bounds themselves. For each real parameter
/// and each of its bounds, a run at the bound and a run one step inside it must give, for every metric at every tick,
/// values within 1e-3 of that metric's scale (its largest absolute value over every tick of the two runs and of the
/// run at the defaults), or within 1e-6 absolute (rounding of a metric that is zero in all three). The step is 1e-6
/// of the parameter's range, or of its magnitude (the largest of 1, the default and the bound) where that is smaller:
/// 1e-6 of sigma's range of 1e9 would be a step of 1,000 from 0.01, and of a mode weight's range of 1,000 a step
/// five thousandths of the default weights. The run at the bound must also give no NaN where the run inside gives a
/// number, no infinity and no exception. A parameter with an exclusive minimum (not allowed
/// itself) is run at one and two steps above it, and only needs to give finite metrics there: its behaviour as it
/// approaches the excluded value need not be continuous.
/// <para>
/// Why 1e-3 of scale: a step of 1e-6 moves any smooth output by about 1e-6 of its scale times the
/// output's elasticity; 1e-3 leaves room for elasticities up to a thousand (bounds such as 1e9 for sigma and 1e6
/// for the budget make the step large in absolute terms) and for the few citizens whose random draws a step can flip.
/// A jump at the bound itself (a special case at 0, a division that blows up) is a change of order one and fails.
/// Where a metric is zero at the defaults and at the bound (user charges when none are set), its scale is the change
/// itself, so a change beyond 1e-3 of scale is then checked once more with a step a hundred times smaller: an output
/// continuous at the bound changes at least ten times less (a linear one a hundred times), a jump does not shrink.
/// Runs: 1,000 citizens in 10 neighbourhoods, 12 months, seed 5, under four-cos (domain and body parameters set on
/// every domain or body; a partner moved only where a rule tying two parameters together requires it).
/// </para>
/// </summary>
public class BoundContinuityTests
{
    private const ulong Seed = 5;
    private const double Step = 1e-6, Tolerance = 1e-3, RoundingFloor = 1e-6;
    private static readonly ModelParameters Base = PropertyRuns.Base(StrategyPresets.FourCos, citizens: 1_000, neighbourhoods: 10, horizon: 12);

    /// <summary>The largest difference of a metric between two runs over the metric's scale in both, with where it is.</summary>
    internal static (double Size, string Where) LargestScaledChange(double[][] a, double[][] b, double[][] defaults, string[] names)
    {
        double largest = 0;
        string where = "";
        for (int k = 0; k < names.Length; k++)
        {
            // Efficiency is outcome over cost: continuous wherever cost is not zero, because both are (and both are
            // checked here); at zero cost it is missing and near it unbounded (MetricCatalog.MissingWhen).
            if (names[k] is MetricCatalog.EfficiencyPublic or MetricCatalog.EfficiencyTotal) continue;
            double scale = 0;
            for (int t = 0; t < a.Length; t++) scale = Math.Max(scale, Math.Max(Abs(a[t][k]), Abs(b[t][k])));
            foreach (double[] row in defaults) scale = Math.Max(scale, Abs(row[k]));
            for (int t = 0; t < a.Length; t++)
            {
                double x = a[t][k], y = b[t][k];
                if (double.IsNaN(x) && double.IsNaN(y)) continue;
                // A documented missing value (the mean of a group that is empty at the bound) is no jump.
                if ((double.IsNaN(x) || double.IsNaN(y)) && MetricCatalog.MayBeMissing(names[k])) continue;
                double d = double.IsNaN(x) != double.IsNaN(y) ? double.PositiveInfinity : Math.Abs(x - y) <= RoundingFloor ? 0 : Math.Abs(x - y) / scale;
                if (d > largest)
                {
                    largest = d;
                    where = $"{names[k]} at month {t}: {x:G6} vs {y:G6} (scale {scale:G3})";
                }
            }
        }
        return (largest, where);
    }

    private static double Abs(double x) => double.IsNaN(x) ? 0 : Math.Abs(x);

    private static bool AllFinite(double[][] rows) => rows.All(r => r.All(x => !double.IsInfinity(x)));

    [Test]
    public void EveryRealParameterIsContinuousAtItsBounds()
    {
        string[] names = PropertyRuns.Names(Base);
        double[][] defaults = PropertyRuns.Rows(Base, Seed);
        var cases = new List<(string Label, ModelParameters AtBound, ModelParameters Inside, ModelParameters Closer, bool Exclusive)>();
        foreach (RealParameter parameter in PropertyRuns.AllParameters.OfType<RealParameter>())
        {
            foreach ((double bound, double inward, bool exclusive) in new[]
                     { (parameter.Min, +1.0, parameter.MinExclusive), (parameter.Max, -1.0, false) })
            {
                double magnitude = Math.Max(1, Math.Max(Math.Abs(parameter.Default), Math.Abs(bound)));
                double step = Step * Math.Min(parameter.Max - parameter.Min, magnitude) * Math.Sign(inward);
                double at = exclusive ? bound + step : bound;
                ModelParameters p = PropertyRuns.SetKeepingRules(Base, parameter, at, out string moved);
                ModelParameters q = PropertyRuns.Set(p, parameter, at + step), closer = PropertyRuns.Set(p, parameter, at + step / 100);
                Assert.That(PropertyRuns.IsValid(p, out string reasons), Is.True, $"{parameter} = {at}: {reasons}");
                Assert.That(PropertyRuns.IsValid(q, out reasons), Is.True, $"{parameter} = {at + step}: {reasons}");
                string label = $"{PropertyRuns.Label(parameter)} = {Parameter.Fmt(at)} vs {Parameter.Fmt(at + step)}{moved}" + (exclusive ? " (exclusive minimum)" : "");
                cases.Add((label, p, q, closer, exclusive));
            }
        }
        var results = PropertyRuns.Each(cases, c =>
        {
            try
            {
                double[][] a = PropertyRuns.Rows(c.AtBound, Seed), b = PropertyRuns.Rows(c.Inside, Seed);
                if (!AllFinite(a) || !AllFinite(b)) return (double.PositiveInfinity, "an infinite metric", double.NaN);
                (double size, string where) = LargestScaledChange(a, b, defaults, names);
                if (size <= Tolerance || double.IsInfinity(size)) return (size, where, double.NaN);
                // On the same scale as the first comparison (the step run's values count in it).
                return (size, where, LargestScaledChange(a, PropertyRuns.Rows(c.Closer, Seed), [.. defaults, .. b], names).Size);
            }
            catch (Exception e)
            {
                return (double.PositiveInfinity, $"{e.GetType().Name}: {e.Message}", double.NaN);
            }
        });
        var report = new StringBuilder();
        var jumps = new List<string>();
        for (int k = 0; k < cases.Count; k++)
        {
            (double size, string where, double closer) = results[k];
            string line = $"{cases[k].Label}: largest change {size:G3} of scale ({where})" + (double.IsNaN(closer) ? "" : $"; with a step 100 times smaller, {closer:G3}");
            report.AppendLine(line);
            bool nonFinite = double.IsPositiveInfinity(size);
            bool fails = cases[k].Exclusive
                ? nonFinite && !where.Contains(" at month ")
                : nonFinite || (size > Tolerance && closer > size / 10);
            if (fails) jumps.Add(line);
        }
        TestContext.Out.WriteLine(report.ToString());
        Assert.That(jumps, Is.Empty, $"{jumps.Count} of {cases.Count} bounds show a jump larger than {Tolerance} of scale, or fail:\n" + string.Join("\n", jumps));
    }
}
