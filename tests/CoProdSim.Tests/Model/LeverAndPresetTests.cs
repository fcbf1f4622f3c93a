using CoProdSim.Model;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

/// <summary>Every strategy lever moves what it should, every preset runs, bad parameters are refused clearly.</summary>
public class LeverAndPresetTests
{
    private static readonly StrategyLevers Base = StrategyPresets.FourCos;

    private static ModelRun Run(StrategyLevers s, int citizens = 3_000, ulong seed = 3, Func<ModelParameters, ModelParameters>? edit = null)
    {
        ModelParameters p = ModelRun.Small(s, citizens, horizon: 48);
        return ModelRun.Of(edit is null ? p : edit(p), seed);
    }

    [Test]
    public void BudgetChangeScalesPublicCost()
    {
        double full = Run(Base).Final(MetricCatalog.PublicCost);
        Assert.That(Run(Base with { BudgetChange = -0.3 }).Final(MetricCatalog.PublicCost), Is.EqualTo(0.7 * full).Within(1e-6 * full));
        Assert.That(Run(Base with { BudgetChange = 0.25 }).Final(MetricCatalog.PublicCost), Is.EqualTo(1.25 * full).Within(1e-6 * full));
        // 120 GBP per resident a month, 3,000 residents, no charges: 360,000 GBP.
        Assert.That(full, Is.EqualTo(360_000).Within(1e-6));
    }

    [Test]
    public void SupportShareBuysSupportAndRaisesCitizenInput()
    {
        ModelRun none = Run(Base with { SupportShare = 0 }), some = Run(Base with { SupportShare = 0.1 });
        Assert.That(none.Final(MetricCatalog.SupportSpend), Is.Zero);
        Assert.That(some.Final(MetricCatalog.SupportSpend), Is.EqualTo(36_000).Within(1e-6));
        // Support is taken from professional hours, so it is a trade-off, but community groups gain from grants.
        Assert.That(some.Tail(MetricCatalog.CommunityGroups), Is.GreaterThanOrEqualTo(none.Tail(MetricCatalog.CommunityGroups)));
    }

    [Test]
    public void RecognitionRaisesTrustAndHours()
    {
        ModelRun low = Run(Base with { Recognition = 0 }), high = Run(Base with { Recognition = 1 });
        Assert.That(high.Tail(MetricCatalog.TrustMean), Is.GreaterThan(low.Tail(MetricCatalog.TrustMean) + 0.02));
        Assert.That(high.Tail(MetricCatalog.CitizenHours), Is.GreaterThan(1.2 * low.Tail(MetricCatalog.CitizenHours)));
    }

    [Test]
    public void RespiteShareBuysRespiteHoursAndLowersCarerBurnout()
    {
        Func<ModelParameters, ModelParameters> manyCarers = p => p with { Population = p.Population with { Citizens = 6_000, CarerShare = 0.089 } };
        ModelRun none = Run(Base with { SupportShare = 0.2, RespiteShare = 0, CommunityGrants = 0 }, edit: manyCarers);
        ModelRun all = Run(Base with { SupportShare = 0.2, RespiteShare = 1, CommunityGrants = 0 }, edit: manyCarers);
        // 20% of 720,000 GBP at 10 GBP an hour.
        Assert.That(all.Final(MetricCatalog.RespiteHours), Is.EqualTo(14_400).Within(1e-6));
        Assert.That(none.Final(MetricCatalog.RespiteHours), Is.Zero);
        Assert.That(all.Tail(MetricCatalog.CarerBurnoutRate), Is.LessThan(none.Tail(MetricCatalog.CarerBurnoutRate) - 0.05));
    }

    [Test]
    public void InvitationRateRaisesParticipation()
    {
        double low = Run(Base with { InvitationRate = 0 }).Tail(MetricCatalog.ParticipationRate);
        double high = Run(Base with { InvitationRate = 0.5 }).Tail(MetricCatalog.ParticipationRate);
        Assert.That(high, Is.GreaterThan(low + 0.05));
    }

    [Test]
    public void DeprivedFirstTargetingMakesParticipationRepresentative()
    {
        double universal = Run(Base with { Targeting = Targeting.Universal }).Tail(MetricCatalog.Representativeness);
        double deprived = Run(Base with { Targeting = Targeting.DeprivedFirst }).Tail(MetricCatalog.Representativeness);
        Assert.That(deprived, Is.GreaterThan(universal + 0.3));
    }

    [Test]
    public void CommunityGrantsLowerTheThresholdForGroups()
    {
        StrategyLevers s = StrategyPresets.OutsideIn;
        double none = Run(s with { CommunityGrants = 0, SupportShare = 0.05 }).Tail(MetricCatalog.CommunityGroups);
        double grants = Run(s with { CommunityGrants = 1, SupportShare = 0.2 }).Tail(MetricCatalog.CommunityGroups);
        Assert.That(grants, Is.GreaterThan(none));
    }

    [Test]
    public void ParticipatoryBudgetingMovesMoneyTowardExpressedNeed()
    {
        StrategyLevers s = Base with { ModeWeights = [1, 0, 0, 0], Allocation = Allocation.Population };
        ModelRun off = Run(s with { ParticipatoryBudgetShare = 0 }), on = Run(s with { ParticipatoryBudgetShare = 0.5 });
        // Participants in deprived neighbourhoods express more need, so money moves there: the gap narrows.
        Assert.That(on.Tail(MetricCatalog.OutcomeGap), Is.LessThan(off.Tail(MetricCatalog.OutcomeGap) - 0.2));
        Assert.That(on.Final(MetricCatalog.PublicCost), Is.EqualTo(off.Final(MetricCatalog.PublicCost)), "reallocation, not extra money");
    }

    [Test]
    public void CoAssessmentStopsQualityDriftAndBuildsTrust()
    {
        StrategyLevers s = Base with { ModeWeights = [0, 0.6, 0, 0.4] };
        ModelRun off = Run(s with { CoAssessment = 0 }), on = Run(s with { CoAssessment = 1 });
        Assert.That(on.Tail(MetricCatalog.ServiceFit), Is.GreaterThan(off.Tail(MetricCatalog.ServiceFit) + 0.01));
        Assert.That(on.Tail(MetricCatalog.TrustMean), Is.GreaterThan(off.Tail(MetricCatalog.TrustMean)));
    }

    [Test]
    public void ChargesCutPublicCostAndWidenTheGap()
    {
        ModelRun free = Run(Base), charged = Run(Base with { Charges = 0.3 });
        Assert.That(charged.Final(MetricCatalog.PublicCost), Is.LessThan(0.8 * free.Final(MetricCatalog.PublicCost)));
        Assert.That(charged.Tail(MetricCatalog.OutcomeGap), Is.GreaterThan(free.Tail(MetricCatalog.OutcomeGap) + 1));
    }

    [Test]
    public void CoFinancingAddsMoneyThatFavoursTheBetterOff()
    {
        StrategyLevers s = Base with { ModeWeights = [1, 0, 0, 0], ParticipatoryBudgetShare = 0 };
        ModelRun none = Run(s), donations = Run(s with { CoFinancing = 300 });
        Assert.That(donations.Tail(MetricCatalog.OutcomeIndex), Is.GreaterThan(none.Tail(MetricCatalog.OutcomeIndex)));
        Assert.That(donations.Tail(MetricCatalog.OutcomeQuintile(5)) - none.Tail(MetricCatalog.OutcomeQuintile(5)),
            Is.GreaterThan(donations.Tail(MetricCatalog.OutcomeQuintile(1)) - none.Tail(MetricCatalog.OutcomeQuintile(1))));
    }

    [Test]
    public void NeedBasedAllocationNarrowsTheGap()
    {
        double population = Run(StrategyPresets.Traditional with { Allocation = Allocation.Population }).Tail(MetricCatalog.OutcomeGap);
        double need = Run(StrategyPresets.Traditional with { Allocation = Allocation.Need }).Tail(MetricCatalog.OutcomeGap);
        Assert.That(need, Is.LessThan(population - 1));
    }

    [Test]
    public void ModeWeightsChooseTheModesCitizensTakeUp()
    {
        ModelRun design = Run(Base with { ModeWeights = [0, 1, 0, 0] });
        ModelRun delivery = Run(Base with { ModeWeights = [0, 0, 1, 0] });
        Assert.That(design.Tail(MetricCatalog.ParticipationMode("co_design")), Is.GreaterThan(0.02));
        Assert.That(design.Tail(MetricCatalog.ParticipationMode("co_delivery")), Is.Zero);
        Assert.That(delivery.Tail(MetricCatalog.ParticipationMode("co_design")), Is.Zero);
        Assert.That(design.Tail(MetricCatalog.ServiceFit), Is.GreaterThan(delivery.Tail(MetricCatalog.ServiceFit) + 0.02), "co-design raises fit");
        Assert.That(delivery.Tail(MetricCatalog.CommunityGroups), Is.GreaterThan(design.Tail(MetricCatalog.CommunityGroups)), "co-delivery builds groups");
    }

    [TestCaseSource(typeof(StrategyPresets), nameof(StrategyPresets.All))]
    public void EveryPresetRunsAndWritesEveryContractColumn(KeyValuePair<string, StrategyLevers> preset)
    {
        ModelRun run = Run(preset.Value, citizens: 1_000);
        foreach (string column in MetricCatalog.Contract)
        {
            double v = run.Final(column);
            Assert.That(double.IsFinite(v), Is.True, $"{preset.Key}: {column} = {v}");
        }
        Assert.That(run.Final(MetricCatalog.OutcomeIndex), Is.InRange(30, 95));
        bool active = preset.Key != "traditional";
        Assert.That(run.Tail(MetricCatalog.ParticipationRate) > 0, Is.EqualTo(active));
    }

    [Test]
    public void PresetsMatchTheBriefsDescriptions()
    {
        Assert.That(StrategyPresets.Traditional.AnyModeOpen, Is.False);
        Assert.That(StrategyPresets.CostCutting.BudgetChange, Is.EqualTo(-0.2));
        Assert.That(StrategyPresets.FourCos.ParticipatoryBudgetShare, Is.EqualTo(0.15));
        Assert.That(StrategyPresets.FourCos.ModeWeights.All(w => w > 0), Is.True, "four-cos uses all four modes");
        Assert.That(StrategyPresets.EquityTargeted.Targeting, Is.EqualTo(Targeting.DeprivedFirst));
        Assert.That(StrategyPresets.EquityTargeted.RespiteShare, Is.GreaterThan(StrategyPresets.FourCos.RespiteShare));
        Assert.That(StrategyPresets.OutsideIn.CommunityGrants, Is.GreaterThan(0.5));
        Assert.That(StrategyPresets.InsideOut.Targeting, Is.EqualTo(Targeting.Universal));
        Assert.That(StrategyPresets.All.Keys, Is.EquivalentTo(StrategyPresets.Descriptions.Keys));
    }
}
