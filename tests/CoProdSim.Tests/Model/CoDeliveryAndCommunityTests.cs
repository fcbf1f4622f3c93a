using CoProdSim.Model;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

/// <summary>
/// The two sub-types of co-delivery and community activity that exists before any strategy (docs/odd.md 7.2, 7.4,
/// 7.5). Paired replications on five seeds (3,000 citizens, 60 months); a claim passes when the mean paired difference
/// reaches the stated effect and three standard errors (a model without the effect slips through about 2% of the time,
/// less with the effect floor: see <see cref="Paired"/>).
/// </summary>
public sealed class CoDeliveryAndCommunityTests
{
    private static readonly ParameterValues Managing = StrategyPresets.FourCos.WithActivities(0, 0, 1, 0, 0);
    private static readonly ParameterValues Performing = StrategyPresets.FourCos.WithActivities(0, 0, 0, 0, 1);

    private static ModelRun Run(ParameterValues strategy, ulong seed, Func<ParameterValues, ParameterValues>? behaviour = null)
    {
        ModelParameters p = ModelRun.Small(strategy);
        if (behaviour is not null) p = p with { Behaviour = behaviour(p.Behaviour) };
        return ModelRun.Of(p, seed);
    }

    [Test]
    public void CoManagingTakesOverProfessionalHoursAndCoPerformingDoesNot()
    {
        // Co-managers' hours, through their groups, serve their neighbourhood's demand before professionals do: the
        // body spends less. With every hour going to governance (governance_share 1) nothing reaches the service.
        Paired.AssertAtLeast("public cost, co-managing with all hours on governance over as shipped, relative", 0.02,
            seed => Run(Managing, seed, b => b.With(BehaviourParameters.GovernanceShare, 1)).Tail(MetricCatalog.PublicCost)
                    / Run(Managing, seed).Tail(MetricCatalog.PublicCost) - 1);
        // Co-performing gives the body no hours: a town whose co-producers co-manage costs less than one whose
        // co-producers co-perform.
        Paired.AssertAtLeast("public cost, co-performing over co-managing, relative", 0.02,
            seed => Run(Performing, seed).Tail(MetricCatalog.PublicCost) / Run(Managing, seed).Tail(MetricCatalog.PublicCost) - 1);
    }

    [Test]
    public void CoPerformingBenefitsTheCoProducerAndCoManagingGivesNoSelfManagement()
    {
        // Self-management is learnt by co-performing: the co-producer's own services do more for them. Switching it
        // off (own_benefit 0) costs co-performing towns outcome, and changes nothing at all where nobody co-performs.
        Paired.AssertAtLeast("outcome index, co-performing with minus without self-management", 0.3,
            seed => Run(Performing, seed).Tail(MetricCatalog.OutcomeIndex) - Run(Performing, seed, b => b.With(BehaviourParameters.OwnBenefit, 0)).Tail(MetricCatalog.OutcomeIndex));
        Assert.That(Run(Managing, 11, b => b.With(BehaviourParameters.OwnBenefit, 0)).Tail(MetricCatalog.OutcomeIndex),
            Is.EqualTo(Run(Managing, 11).Tail(MetricCatalog.OutcomeIndex)), "no co-performer, no self-management");
    }

    [Test]
    public void CommunityActivityExistsUnderTraditionalProvisionAndGrantsBuildOnIt()
    {
        string community = MetricCatalog.ParticipationMode("community");
        ModelRun traditional = Run(StrategyPresets.Traditional, 11);
        // Self-organised activity exists without any strategy, settled from month 0 (no warm-up), with its groups.
        Assert.That(traditional.Tail(community), Is.GreaterThan(0.005));
        Assert.That(traditional.Tail(MetricCatalog.ParticipationRate), Is.EqualTo(traditional.Tail(community)), "under traditional provision it is all there is");
        Assert.That(traditional.At(MetricCatalog.ParticipationRate, 0), Is.EqualTo(traditional.Tail(community)).Within(0.005), "settled from the start");
        Assert.That(traditional.Tail(MetricCatalog.CommunityGroups), Is.GreaterThan(0));
        Assert.That(Run(StrategyPresets.Traditional, 11, b => b.With(BehaviourParameters.CommunityShare, 0)).Series(MetricCatalog.CitizenHours).All(h => h == 0), Is.True,
            "without community activity nobody gives hours under traditional provision");
        // Outside-in builds on it: grants lower the threshold of groups and raise their collective efficiency, and
        // community activity grows.
        Paired.AssertAtLeast("community participation, outside-in minus traditional", 0.005,
            seed => Run(StrategyPresets.OutsideIn, seed).Tail(community) - Run(StrategyPresets.Traditional, seed).Tail(community));
    }
}
