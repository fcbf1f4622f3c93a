using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Properties;

/// <summary>
/// No NaN or infinity anywhere: every metric of every tick is finite, under every preset and with every parameter at
/// its smallest and at its largest allowed value (one at a time), on short runs of a small population. The only
/// missing values allowed are the documented ones: representativeness when no one in income quintile 5 takes part
/// (docs/odd.md section 9), hours_per_conditional_cooperator when no conditional cooperator engages, and
/// hours_share_top_third when nobody gave hours in the last year. Any other NaN, any infinity and any exception is a
/// failure, listed with the preset, the setting and the first month it appears.
/// <para>
/// Runs: 500 citizens in 5 neighbourhoods, 24 months, seed 9. Smallest value: the minimum, or for an exclusive
/// minimum the minimum plus 1e-6 of the range. Largest value: the maximum, except where a test cannot run it
/// (citizens: 20,000 of 50 million; horizon: 120 of 100,000 months; neighbourhoods: one citizen each). A partner
/// parameter is moved only where a rule tying two parameters together requires it (said in the message).
/// </para>
/// </summary>
public class FiniteOutputTests
{
    private const ulong Seed = 9;
    private const int Citizens = 500;


    private static ModelParameters Base(ParameterValues strategy) => PropertyRuns.Base(strategy, Citizens, neighbourhoods: 5, horizon: 24);

    /// <summary>The smallest and largest values a test runs for <paramref name="p"/> (see the class summary).</summary>
    internal static IEnumerable<double> Extremes(Parameter p)
    {
        if (p.Kind == ParameterKind.Choice)
        {
            for (int k = 0; k < p.Choices!.Count; k++) yield return k;
            yield break;
        }
        double range = p.Max - p.Min;
        yield return p.MinExclusive ? p.Min + 1e-6 * range : p.Min;
        if (p == PopulationParameters.Citizens) yield return 20_000;
        else if (p == RunParameters.Horizon) yield return 120;
        else if (p == PopulationParameters.Neighbourhoods) yield return Citizens;
        else yield return p.Max;
    }

    /// <summary>Problems with one run: undocumented NaN, any infinity (metric and first month), or the exception.</summary>
    private static List<string> Problems(ModelParameters p)
    {
        var problems = new List<string>();
        double[][] rows;
        try
        {
            rows = PropertyRuns.Rows(p, Seed);
        }
        catch (Exception e)
        {
            problems.Add($"{e.GetType().Name}: {e.Message}");
            return problems;
        }
        string[] names = PropertyRuns.Names(p);
        for (int k = 0; k < names.Length; k++)
        {
            for (int t = 0; t < rows.Length; t++)
            {
                double x = rows[t][k];
                if (double.IsInfinity(x) || (double.IsNaN(x) && !MetricCatalog.MayBeMissing(names[k])))
                {
                    problems.Add($"{names[k]} = {x} from month {t}");
                    break;
                }
            }
        }
        return problems;
    }

    [Test]
    public void EveryPresetGivesFiniteMetrics()
    {
        var presets = StrategyPresets.All.ToList();
        var problems = PropertyRuns.Each(presets, kv => Problems(Base(kv.Value)));
        var failures = presets.Select((kv, k) => (kv.Key, problems[k])).Where(x => x.Item2.Count > 0).Select(x => $"{x.Key}: {string.Join("; ", x.Item2)}").ToList();
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    /// <summary>Traditional (no modes open) and four-cos (every mode and nearly every lever in use): the fast half.</summary>
    [Test]
    public void EveryParameterAtEitherEndGivesFiniteMetricsUnderTraditionalAndFourCos() => AtEitherEnd("traditional", "four-cos");

    /// <summary>The other four presets.</summary>
    [Test]
    [Category("Slow")]
    public void EveryParameterAtEitherEndGivesFiniteMetricsUnderTheOtherPresets() => AtEitherEnd("inside-out", "outside-in", "cost-cutting", "equity-targeted");

    /// <summary>Every parameter at either end under each of <paramref name="presets"/>; failures grouped by setting and problem, with the presets where they occur.</summary>
    private static void AtEitherEnd(params string[] presets)
    {
        var cases = new List<(string Preset, string Setting, ModelParameters P)>();
        foreach (string preset in presets)
        {
            ModelParameters b = Base(StrategyPresets.All[preset]);
            foreach (Parameter parameter in PropertyRuns.AllParameters)
            {
                foreach (double v in Extremes(parameter))
                {
                    ModelParameters p = PropertyRuns.SetKeepingRules(b, parameter, v, out string moved);
                    string setting = $"{PropertyRuns.Label(parameter)} = {parameter.Format(v)}{moved}";
                    Assert.That(PropertyRuns.IsValid(p, out string reasons), Is.True, $"{preset}, {setting}: {reasons}");
                    cases.Add((preset, setting, p));
                }
            }
        }
        var problems = PropertyRuns.Each(cases, c => Problems(c.P));
        var failures = cases.Select((c, k) => (c.Preset, What: $"{c.Setting}: {string.Join("; ", problems[k])}", Count: problems[k].Count))
            .Where(x => x.Count > 0)
            .GroupBy(x => x.What)
            .Select(g => $"{g.Key} [{string.Join(", ", g.Select(x => x.Preset))}]")
            .ToList();
        int failed = problems.Count(x => x.Count > 0);
        Assert.That(failures, Is.Empty, $"{failed} of {cases.Count} runs at an extreme setting gave an undocumented NaN, an infinity or an exception " +
            $"(500 citizens, 24 months; presets in brackets):\n" + string.Join("\n", failures));
    }
}
