using System.Text;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Properties;

/// <summary>
/// Per-citizen results do not depend on how many citizens are simulated, nor on how they are split into
/// neighbourhoods, beyond sampling noise.
/// <para>
/// Each arm is replicated on sixteen seeds; a metric's value in one replication is its mean over the last 12 of 48
/// months (public cost, citizen hours and QALYs divided by the number of citizens). The two arms are compared as
/// independent samples (a seed does not give the same citizens at two sizes or splits): the difference of means must
/// satisfy |diff| &lt;= 4 x sqrt(se1^2 + se2^2) + tol, where se is each arm's standard error over its seeds. With 16
/// seeds an arm's difference over its combined standard error is roughly t with about 30 degrees of freedom; a
/// model without any dependence exceeds 4 with probability about 0.04% per comparison, so about 1% over the 30
/// comparisons of a test, before the tolerance cuts it further. Seeds are fixed, so the answer is the same every time.
/// </para>
/// <para>
/// tol is a quarter of the smallest effect the model's behaviour and lever tests claim for the metric, so a size
/// dependence within it can neither create nor hide a claimed effect: outcome index 0.025 points (claims of 0.1),
/// outcome gap 0.025 points (0.1), participation this month and this year 0.00125 (0.005), trust 0.00125 (0.005),
/// carer burnout 0.005 (0.02), need met 0.0025 (a quarter of one point of need), public cost per citizen 0.3 GBP a
/// month (a quarter of 1% of the 120 GBP budget), citizen hours per citizen 0.5% of their level (a quarter of the
/// 2% claims on hours), QALYs per citizen a month 1.5e-5 (the outcome-index tolerance, 0.00025 of well-being, at a
/// QALY weight of 0.7 per unit of well-being, over 12 months).
/// </para>
/// </summary>
public class ScaleInvarianceTests
{
    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, 16).Select(i => (ulong)(101 * i))];
    private const int Horizon = 48, Tail = 12;

    private static readonly string[] Presets = ["traditional", "four-cos", "cost-cutting"];

    /// <summary>The metrics compared, and whether each is divided by the number of citizens.</summary>
    private static readonly (string Metric, bool PerCitizen)[] Main =
    [
        (MetricCatalog.OutcomeIndex, false), (MetricCatalog.OutcomeGap, false), (MetricCatalog.ParticipationRate, false),
        (MetricCatalog.ParticipationYear, false), (MetricCatalog.TrustMean, false), (MetricCatalog.CarerBurnoutRate, false),
        (MetricCatalog.NeedMet, false), (MetricCatalog.PublicCost, true), (MetricCatalog.CitizenHours, true), (MetricCatalog.Qalys, true),
    ];

    /// <summary>The absolute tolerance for a metric whose arms average <paramref name="level"/> (see the class summary).</summary>
    private static double Tolerance(string metric, double level) => metric switch
    {
        MetricCatalog.OutcomeIndex or MetricCatalog.OutcomeGap => 0.025,
        MetricCatalog.ParticipationRate or MetricCatalog.ParticipationYear or MetricCatalog.TrustMean => 0.00125,
        MetricCatalog.CarerBurnoutRate => 0.005,
        MetricCatalog.NeedMet => 0.0025,
        MetricCatalog.PublicCost => 0.3,
        MetricCatalog.CitizenHours => 0.005 * Math.Abs(level),
        MetricCatalog.Qalys => 1.5e-5,
        _ => throw new ArgumentException(metric),
    };

    /// <summary>Metrics that are town totals: compared per citizen (community groups per neighbourhood).</summary>
    private static readonly HashSet<string> Totals =
    [
        MetricCatalog.PublicCost, MetricCatalog.SupportSpend, MetricCatalog.ReplacementCareCost, MetricCatalog.ChargesPaid, MetricCatalog.Donations,
        MetricCatalog.UnspentBudget, MetricCatalog.CitizenHours, MetricCatalog.CitizenValue, MetricCatalog.TotalCost, MetricCatalog.Qalys,
        MetricCatalog.DiscountedCost, MetricCatalog.DiscountedQalys, MetricCatalog.WaitingHours, MetricCatalog.RespiteHours,
    ];

    /// <summary>Per seed, every metric's mean over the last year, town totals per citizen and community groups per neighbourhood.</summary>
    private static double[][] TailMeans(ModelParameters p, out string[] names)
    {
        names = PropertyRuns.Names(p);
        string[] n = names;
        int citizens = p.Population[PopulationParameters.Citizens], hoods = p.Population[PopulationParameters.Neighbourhoods];
        return Paired(Seeds, seed =>
        {
            double[][] rows = PropertyRuns.Rows(p, seed);
            var mean = new double[n.Length];
            for (int k = 0; k < n.Length; k++)
            {
                double sum = 0;
                int count = 0;
                for (int t = rows.Length - Tail; t < rows.Length; t++)
                {
                    if (double.IsNaN(rows[t][k])) continue;
                    sum += rows[t][k];
                    count++;
                }
                double per = Totals.Contains(n[k]) ? citizens : n[k] == MetricCatalog.CommunityGroups ? hoods : 1;
                mean[k] = count > 0 ? sum / count / per : double.NaN;
            }
            return mean;
        });
    }

    private static double[][] Paired(ulong[] seeds, Func<ulong, double[]> run) => PropertyRuns.Each(seeds, run);

    private static (double Mean, double Se) MeanSe(IEnumerable<double> xs)
    {
        double[] x = xs.Where(v => !double.IsNaN(v)).ToArray();
        if (x.Length < 2) return (double.NaN, double.NaN);
        double mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1) / x.Length));
    }

    /// <summary>Compares two arms under each preset: asserts the main metrics, and prints every metric's difference in combined standard errors.</summary>
    private static void Compare(string what, Func<ParameterValues, ModelParameters> armA, Func<ParameterValues, ModelParameters> armB, string nameA, string nameB)
    {
        var failures = new List<string>();
        var report = new StringBuilder();
        foreach (string preset in Presets)
        {
            ParameterValues s = StrategyPresets.All[preset];
            double[][] a = TailMeans(armA(s), out string[] names), b = TailMeans(armB(s), out _);
            report.AppendLine($"{preset} (totals per citizen, groups per neighbourhood): metric, {nameA} mean, {nameB} mean, difference, combined se, |diff|/se, bound");
            for (int k = 0; k < names.Length; k++)
            {
                (double ma, double sa) = MeanSe(a.Select(r => r[k]));
                (double mb, double sb) = MeanSe(b.Select(r => r[k]));
                double diff = mb - ma, se = Math.Sqrt(sa * sa + sb * sb);
                (string Metric, bool PerCitizen) main = Main.FirstOrDefault(m => m.Metric == names[k]);
                string bound = "";
                if (main.Metric is not null)
                {
                    double limit = 4 * se + Tolerance(main.Metric, (ma + mb) / 2);
                    bound = $"{limit:G3}";
                    if (!(Math.Abs(diff) <= limit))
                        failures.Add($"{preset}, {names[k]}{(main.PerCitizen ? " per citizen" : "")}: {nameA} {ma:G5}, {nameB} {mb:G5}, difference {diff:G3} is {Math.Abs(diff) / se:G3} combined se ({se:G3}); bound {limit:G3}");
                }
                report.AppendLine($"  {names[k]}, {ma:G5}, {mb:G5}, {diff:G3}, {se:G3}, {Math.Abs(diff) / se:G3}, {bound}");
            }
        }
        TestContext.Out.WriteLine(report.ToString());
        Assert.That(failures, Is.Empty, $"{what}: {failures.Count} difference(s) beyond 4 combined standard errors plus the tolerance:\n" + string.Join("\n", failures));
    }

    /// <summary>2,000 citizens in 10 neighbourhoods against 8,000 in 40: the same 200 residents a neighbourhood, four times the town.</summary>
    [Test]
    [Category("Slow")]
    public void PerCitizenResultsDoNotDependOnPopulationSize() =>
        Compare("2,000 vs 8,000 citizens (200 a neighbourhood)",
            s => PropertyRuns.Base(s, 2_000, 10, Horizon), s => PropertyRuns.Base(s, 8_000, 40, Horizon), "2,000", "8,000");

    /// <summary>4,000 citizens in 10 neighbourhoods (400 each) against the same number in 40 (100 each).</summary>
    [Test]
    [Category("Slow")]
    public void PerCitizenResultsDoNotDependOnHowCitizensAreSplitIntoNeighbourhoods() =>
        Compare("4,000 citizens in 10 vs 40 neighbourhoods",
            s => PropertyRuns.Base(s, 4_000, 10, Horizon), s => PropertyRuns.Base(s, 4_000, 40, Horizon), "10 hoods", "40 hoods");
}
