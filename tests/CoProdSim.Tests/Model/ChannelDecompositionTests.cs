using CoProdSim.Model;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

/// <summary>
/// The decomposition of co-production's gain by channel that docs/odd.md 7.5 reports ("Which channels carry
/// co-production's gain"): the compare-strategies town (10,000 citizens, 20 neighbourhoods, 60 months), the five
/// default seeds, outcome index at month 60, each channel switched off in turn on the same seeds. It prints the table
/// and checks only that it is a decomposition (every row a loss, the full gain positive); it takes several minutes,
/// so it runs only when asked for: <c>dotnet test --filter FullyQualifiedName~ChannelDecomposition</c>.
/// </summary>
[Explicit("prints the table of docs/odd.md 7.5; several minutes")]
[Category("Slow")]
public sealed class ChannelDecompositionTests
{
    private static ModelParameters Town(ParameterValues strategy) => new ModelParameters
    {
        Population = PopulationParameters.Section.Defaults
            .With(PopulationParameters.Citizens, 10_000)
            .With(PopulationParameters.Neighbourhoods, 20),
        Strategy = strategy,
    }.With(RunParameters.Horizon, 60);

    private sealed record Channel(string Name, bool Production, Func<ParameterValues, ParameterValues> Behaviour);

    private static readonly Channel[] Channels =
    [
        new("citizen input in production (community C and co-managed hours)", false, b => b),
        new("co-managing only (governance_share 1)", true, b => b.With(BehaviourParameters.GovernanceShare, 1)),
        new("own benefit (co-performing's self-management)", true, b => b.With(BehaviourParameters.OwnBenefit, 0)),
        new("co-design (fit)", true, b => b.With(BehaviourParameters.CoDesignEffect, 0)),
        new("prevention", true, b => b.With(BehaviourParameters.Prevention, 0)),
        new("all four", false, b => b.With(BehaviourParameters.OwnBenefit, 0).With(BehaviourParameters.CoDesignEffect, 0).With(BehaviourParameters.Prevention, 0)),
    ];

    private static double Outcome(ModelParameters p, ulong seed, bool production) =>
        ModelRun.Of(new CoProductionModel(p, seed) { CitizenInputInProduction = production }, p.Horizon).Final(MetricCatalog.OutcomeIndex);

    /// <summary>
    /// Where co-managing's gain goes (docs/odd.md 7.5): outcome and public cost at month 60 with co-managed hours
    /// running nothing (<c>governance_share</c> 1) against the default, per strategy, same seeds.
    /// </summary>
    [Test]
    public void PrintsWhereCoManagingsGainGoes()
    {
        foreach ((string name, ParameterValues s) in new[] { ("inside-out", StrategyPresets.InsideOut), ("four-cos", StrategyPresets.FourCos) })
        {
            ModelParameters full = Town(s);
            double[][] r = Paired.Replicate(seed =>
            {
                ModelRun a = ModelRun.Of(full, seed), b = ModelRun.Of(full.With(BehaviourParameters.GovernanceShare, 1), seed);
                return new[]
                {
                    a.Final(MetricCatalog.OutcomeIndex) - b.Final(MetricCatalog.OutcomeIndex),
                    a.Final(MetricCatalog.PublicCost) / b.Final(MetricCatalog.PublicCost) - 1,
                    a.Final(MetricCatalog.NeedMet) - b.Final(MetricCatalog.NeedMet),
                };
            });
            TestContext.Out.WriteLine($"{name}: co-managing adds {r.Average(x => x[0]):F2} outcome points, {r.Average(x => x[2]):F4} need met, public cost {r.Average(x => x[1]):P1}");
        }
    }

    [Test]
    public void PrintsWhichChannelsCarryCoProductionsGain()
    {
        ParameterValues[] strategies = [StrategyPresets.InsideOut, StrategyPresets.FourCos];
        // Per seed: traditional, then per strategy the full run and one run per channel switched off.
        double[][] runs = Paired.Replicate(seed =>
        {
            var r = new List<double> { Outcome(Town(StrategyPresets.Traditional), seed, true) };
            foreach (ParameterValues s in strategies)
            {
                ModelParameters full = Town(s);
                r.Add(Outcome(full, seed, true));
                foreach (Channel c in Channels) r.Add(Outcome(full with { Behaviour = c.Behaviour(full.Behaviour) }, seed, c.Production));
            }
            return r.ToArray();
        });
        double Mean(int i) => runs.Average(r => r[i]);
        double traditional = Mean(0);
        TestContext.Out.WriteLine($"traditional outcome index at month 60: {traditional:F2} (seeds {string.Join(", ", Paired.Seeds)})");
        int stride = 1 + Channels.Length;
        var gains = new double[strategies.Length];
        for (int s = 0; s < strategies.Length; s++)
        {
            gains[s] = Mean(1 + s * stride) - traditional;
            TestContext.Out.WriteLine($"strategy {s}: outcome {Mean(1 + s * stride):F2}, gain {gains[s]:F2}");
        }
        for (int c = 0; c < Channels.Length; c++)
        {
            var cells = new List<string>();
            for (int s = 0; s < strategies.Length; s++)
            {
                int full = 1 + s * stride, off = full + 1 + c;
                double[] loss = runs.Select(r => r[full] - r[off]).ToArray();
                (double mean, double se) = Paired.MeanAndStandardError(loss);
                cells.Add($"{mean:F2} ({mean / gains[s]:P0}; se {se:F2})");
                Assert.That(mean, Is.GreaterThan(-3 * se - 0.05), $"{Channels[c].Name}: switching it off should not raise outcomes");
            }
            TestContext.Out.WriteLine($"| {Channels[c].Name} | {string.Join(" | ", cells)} |");
        }
        Assert.That(gains, Has.All.GreaterThan(0));
    }

    /// <summary>
    /// What the perceived marginal product holds back (docs/odd.md 7.5): participation under inside-out at month 60 with
    /// citizens weighing how much their hour adds (the default) and without (<c>effectiveness</c> 0), same seeds.
    /// </summary>
    [Test]
    public void PrintsParticipationWithoutPerceivedEffectiveness()
    {
        ModelParameters io = Town(StrategyPresets.InsideOut);
        double[][] r = Paired.Replicate(seed => new[]
        {
            ModelRun.Of(io, seed).Final(MetricCatalog.ParticipationRate),
            ModelRun.Of(io.With(BehaviourParameters.Effectiveness, 0), seed).Final(MetricCatalog.ParticipationRate),
        });
        double with = r.Average(x => x[0]), without = r.Average(x => x[1]);
        TestContext.Out.WriteLine($"inside-out participation at month 60: {with:P1} with perceived effectiveness, {without:P1} without");
        // The support multiplier makes an hour look worth more (7.2), so without the term fewer take part.
        Assert.That(without, Is.LessThan(with));
    }

    /// <summary>The margin of <see cref="ModelBehaviourTests.ProductionCarriesARealShareOfCoProductionsGain"/>: its per-seed shares.</summary>
    [Test]
    public void PrintsTheShareTheProductionTestSees()
    {
        const string o = MetricCatalog.OutcomeIndex;
        double[] shares = Paired.Differences(seed =>
        {
            ModelParameters io = ModelRun.Small(StrategyPresets.InsideOut);
            double traditional = ModelRun.Of(ModelRun.Small(StrategyPresets.Traditional), seed).Tail(o);
            double full = ModelRun.Of(io, seed).Tail(o);
            double held = ModelRun.Of(new CoProductionModel(io, seed) { CitizenInputInProduction = false }, io.Horizon).Tail(o);
            return (full - held) / (full - traditional);
        });
        (double mean, double se) = Paired.MeanAndStandardError(shares);
        TestContext.Out.WriteLine($"share {mean:F3} (se {se:F3}; 3 se {3 * se:F3}; floor {1.0 / 6:F3}); per seed {string.Join(", ", shares.Select(x => x.ToString("F3")))}");
        Assert.That(mean, Is.GreaterThan(1.0 / 6));
    }
}
