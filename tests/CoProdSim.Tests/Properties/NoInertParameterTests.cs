using System.Text;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Properties;

/// <summary>
/// No parameter is inert: for every parameter of every section of <see cref="ParameterCatalog.Sections"/> (a domain or
/// public body parameter set on every domain or body), moving it from its default changes at least one metric at
/// some tick of a short run by more than floating-point noise.
/// <para>
/// Base run: 1,000 citizens in 10 neighbourhoods, 24 months, seed 5, under four-cos, which uses every lever except
/// charges, co-financing and the budget change; those three are strategy levers and are moved under four-cos like the
/// rest. Moves: halfway from the default toward each bound (both directions where the default is not at a bound);
/// the other choice(s) of a choice; for the size settings, a different size that a test can run (horizon 30,
/// partitions 8, citizens 1,500, neighbourhoods 20, contacts 10). A partner parameter is moved only where a rule
/// that ties two parameters together would otherwise be broken (said in the message). A parameter is inert when no
/// move changes any metric of any tick by more than 1e-12 relative (or 1e-12 absolute near zero); a changed number
/// of rows (the horizon) counts as a change. The whole sweep is about 200 runs of 15 ms.
/// </para>
/// </summary>
public class NoInertParameterTests
{
    private const ulong Seed = 5;
    private static readonly ModelParameters Base = PropertyRuns.Base(StrategyPresets.FourCos, citizens: 1_000, neighbourhoods: 10, horizon: 24);

    /// <summary>Values a test can run for the size settings, where halfway to the bound is not.</summary>
    private static readonly Dictionary<Parameter, double> SizeMoves = new()
    {
        [RunParameters.Horizon] = 30,
        [RunParameters.Partitions] = 8,
        [PopulationParameters.Citizens] = 1_500,
        [PopulationParameters.Neighbourhoods] = 20,
        [PopulationParameters.Contacts] = 10,
    };

    /// <summary>The values <paramref name="parameter"/> is moved to from its value in <see cref="Base"/>.</summary>
    internal static IEnumerable<double> Moves(Parameter parameter, double current)
    {
        if (SizeMoves.TryGetValue(parameter, out double size))
        {
            yield return size;
            yield break;
        }
        if (parameter.Kind == ParameterKind.Choice)
        {
            for (int k = 0; k < parameter.Choices!.Count; k++) if (k != current) yield return k;
            yield break;
        }
        foreach (double bound in new[] { parameter.Min, parameter.Max })
        {
            double v = current + 0.5 * (bound - current);
            if (parameter.Kind == ParameterKind.Integer) v = Math.Round(v);
            if (v != current && parameter.IsValid(v, out _)) yield return v;
        }
    }

    /// <summary>The largest difference between two runs, relative to max(1, |a|, |b|), with the metric and tick where it is.</summary>
    internal static (double Size, string Where) LargestChange(double[][] a, double[][] b, string[] names)
    {
        if (a.Length != b.Length) return (double.PositiveInfinity, $"{a.Length - 1} vs {b.Length - 1} months");
        double largest = 0;
        string where = "";
        for (int t = 0; t < a.Length; t++)
        {
            for (int k = 0; k < names.Length; k++)
            {
                double x = a[t][k], y = b[t][k];
                if (double.IsNaN(x) && double.IsNaN(y)) continue;
                double d = double.IsNaN(x) != double.IsNaN(y) ? double.PositiveInfinity : Math.Abs(x - y) / Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
                if (d > largest)
                {
                    largest = d;
                    where = $"{names[k]} at month {t}: {x:G6} vs {y:G6}";
                }
            }
        }
        return (largest, where);
    }

    /// <summary>The size change of one run per move, under <paramref name="strategy"/>: (parameter, value, largest change, where).</summary>
    private static List<(Parameter Parameter, string Value, double Size, string Where)> Sweep(ParameterValues strategy, IEnumerable<Parameter> parameters)
    {
        ModelParameters b = Base with { Strategy = strategy };
        string[] names = PropertyRuns.Names(b);
        double[][] baseline = PropertyRuns.Rows(b, Seed);
        var cases = new List<(Parameter Parameter, double Value, ModelParameters P, string Moved)>();
        foreach (Parameter parameter in parameters)
        {
            foreach (double v in Moves(parameter, PropertyRuns.Get(b, parameter)))
            {
                ModelParameters p = PropertyRuns.SetKeepingRules(b, parameter, v, out string moved);
                Assert.That(PropertyRuns.IsValid(p, out string reasons), Is.True, $"{PropertyRuns.Label(parameter)} = {v}: {reasons}");
                cases.Add((parameter, v, p, moved));
            }
        }
        var changes = PropertyRuns.Each(cases, c => LargestChange(baseline, PropertyRuns.Rows(c.P, Seed), names));
        return cases.Select((c, k) => (c.Parameter, c.Parameter.Format(c.Value) + c.Moved, changes[k].Size, changes[k].Where)).ToList();
    }

    /// <summary>
    /// Every parameter but the partition count (an engine setting: see <see cref="PartitionCountChangesOnlyRounding"/>)
    /// changes some metric under four-cos; one that does not is tried under each other preset in turn, and is inert
    /// only when it changes nothing under any of them. Those inert under four-cos alone are printed.
    /// </summary>
    [Test]
    public void EveryParameterChangesSomeMetric()
    {
        Parameter[] parameters = PropertyRuns.AllParameters.Where(p => p != RunParameters.Partitions).ToArray();
        var report = new StringBuilder();
        var quiet = new List<Parameter>();
        foreach (IGrouping<Parameter, (Parameter Parameter, string Value, double Size, string Where)> g in Sweep(StrategyPresets.FourCos, parameters).GroupBy(c => c.Parameter))
        {
            foreach (var c in g)
                report.AppendLine($"{PropertyRuns.Label(c.Parameter)} = {c.Value}: " + (c.Size > Noise ? $"largest change {c.Size:G3} ({c.Where})" : "no change"));
            if (g.All(c => c.Size <= Noise)) quiet.Add(g.Key);
        }
        var inert = new List<string>();
        var elsewhere = new List<string>();
        foreach (Parameter parameter in quiet)
        {
            string? active = null;
            foreach ((string name, ParameterValues strategy) in StrategyPresets.All.Where(kv => kv.Key != "four-cos"))
            {
                var c = Sweep(strategy, [parameter]).MaxBy(c => c.Size);
                if (c.Size > Noise)
                {
                    active = $"{name}: {parameter.Format(PropertyRuns.Get(Base, parameter))} -> {c.Value}, largest change {c.Size:G3} ({c.Where})";
                    break;
                }
            }
            if (active is null) inert.Add(PropertyRuns.Label(parameter));
            else elsewhere.Add($"{PropertyRuns.Label(parameter)}: no change under four-cos; first preset where it acts, {active}");
        }
        TestContext.Out.WriteLine("Inert under four-cos but active under another preset:\n  " + string.Join("\n  ", elsewhere) + "\n");
        TestContext.Out.WriteLine(report.ToString());
        Assert.That(inert, Is.Empty, $"{inert.Count} parameter(s) inert under every preset (1,000 citizens, 24 months, seed {Seed}):\n  " + string.Join("\n  ", inert));
    }

    /// <summary>
    /// The partition count is an engine setting: it splits the citizens for parallel work and fixes the order in which
    /// partial sums are added, and every random draw is keyed by citizen, not by partition. So it may change results
    /// only by rounding: every metric of every tick within 1e-12 relative of the 16-partition run, for 1, 3, 64,
    /// 1,000 (one citizen each) and 4,096 partitions (more partitions than citizens, most of them empty).
    /// </summary>
    [Test]
    public void PartitionCountChangesOnlyRounding()
    {
        string[] names = PropertyRuns.Names(Base);
        double[][] baseline = PropertyRuns.Rows(Base, Seed);
        int[] counts = [1, 3, 64, 1_000, 4_096];
        var changes = PropertyRuns.Each(counts, n => LargestChange(baseline, PropertyRuns.Rows(Base.With(RunParameters.Partitions, n), Seed), names));
        for (int k = 0; k < counts.Length; k++)
        {
            TestContext.Out.WriteLine($"partitions {counts[k]}: largest relative change {changes[k].Size:G3} {changes[k].Where}");
            Assert.That(changes[k].Size, Is.LessThanOrEqualTo(Noise), $"partitions {counts[k]} vs 16: {changes[k].Where}");
        }
    }

    /// <summary>Floating-point noise: changes up to this (relative to max(1, |value|)) are rounding, not an effect.</summary>
    private const double Noise = 1e-12;
}
