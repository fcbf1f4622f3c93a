using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

/// <summary>
/// Choice (personal budgets, direct payments; docs/odd.md 7.1, 7.5). Paired replications on five seeds (3,000
/// citizens, 60 months); a claim passes when the mean paired difference reaches the stated effect and three standard
/// errors (a model without the effect slips through about 2% of the time, less with the effect floor: see
/// <see cref="Paired"/>).
/// </summary>
public sealed class ChoiceTests
{
    private static readonly ParameterValues Without = StrategyPresets.FourCos.With(StrategyLevers.ChoiceShare, 0);
    private static readonly ParameterValues With = StrategyPresets.FourCos.With(StrategyLevers.ChoiceShare, 0.6);

    private static double Tail(ParameterValues s, ulong seed, string metric, Func<ParameterValues, ParameterValues>? behaviour = null)
    {
        var p = ModelRun.Small(s);
        if (behaviour is not null) p = p with { Behaviour = behaviour(p.Behaviour) };
        return ModelRun.Of(p, seed).Tail(metric);
    }

    [Test]
    public void ChoiceFitsServicesBetterForThoseWhoCanUseIt()
    {
        // Better fit for those who take a personal budget raises outcomes ...
        Paired.AssertAtLeast("outcome index, with minus without choice", 0.3,
            seed => Tail(With, seed, MetricCatalog.OutcomeIndex) - Tail(Without, seed, MetricCatalog.OutcomeIndex));
        // Those with more self-efficacy (the better-off) take up more of it, but the gap it opens is small at the
        // model's efficacy gradient (docs/odd.md 7.1): about 0.03 points, not told from noise at five pairs.
    }

    [Test]
    public void ChoiceCostsItsAdministration()
    {
        // With no gain in fit, choice is only its administration: each hour taken as a personal budget costs more.
        Paired.AssertAtLeast("public cost, with choice that brings no better fit over without, relative", 0.01,
            seed => Tail(With, seed, MetricCatalog.PublicCost, b => b.With(BehaviourParameters.ChoiceFit, 0)) / Tail(Without, seed, MetricCatalog.PublicCost) - 1);
    }
}
