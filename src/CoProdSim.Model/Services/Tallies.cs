using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Population;

namespace CoProdSim.Model.Services;

/// <summary>
/// What citizens' decisions add up to in a month, per partition, summed in partition order at the barrier (docs/odd.md
/// section 3). Written only by the decide phase (<c>CoProductionModel.Decide.cs</c>).
/// </summary>
internal sealed class DecisionTallies
{
    public DecisionTallies(int neighbourhoods, int domains, int partitions)
    {
        var cell = new SlotLayout();
        DeliveryEffectiveHours = cell.Add();
        DeliveryCount = cell.Add();
        CommissionCount = cell.Add();
        ExpressedNeed = cell.Add();
        Donations = cell.Add();
        DesignByQuintile = cell.Add(Town.Quintiles);
        PerCell = cell.Width;
        var hood = new SlotLayout();
        EngagedCount = hood.Add();
        EngagedHours = hood.Add();
        AssessCount = hood.Add();
        PerHood = hood.Width;
        HoodBase = neighbourhoods * domains * PerCell;
        Sums = new PartialSums(partitions, HoodBase + neighbourhoods * PerHood);
        Totals = new double[Sums.Width];
    }

    // Per (neighbourhood, domain) cell, at (h * D + d) * PerCell.
    public readonly int DeliveryEffectiveHours, DeliveryCount, CommissionCount, ExpressedNeed, Donations, DesignByQuintile, PerCell;

    // Per neighbourhood, at HoodBase + h * PerHood.
    public readonly int EngagedCount, EngagedHours, AssessCount, PerHood, HoodBase;

    /// <summary>Per-partition rows.</summary>
    public readonly PartialSums Sums;

    /// <summary>The rows summed, after <see cref="Reduce"/>.</summary>
    public readonly double[] Totals;

    /// <summary>Sums the partitions' rows in partition order.</summary>
    public void Reduce() => Sums.ReduceInto(Totals);
}

/// <summary>
/// What is observed of each citizen in a month, per partition, summed in partition order. Written only by the
/// outcomes phase (and the initial observation); read by the metrics.
/// </summary>
internal sealed class Observations
{
    /// <summary>Gini from a 1000-bin histogram of well-being: exact to 0.001, and O(1) memory per partition.</summary>
    public const int Bins = 1000;

    public Observations(int neighbourhoods, int domains, int partitions)
    {
        var row = new SlotLayout();
        WellbeingSum = row.Add();
        WellbeingByQuintile = row.Add(Town.Quintiles);
        CountByQuintile = row.Add(Town.Quintiles);
        EngagedByQuintile = row.Add(Town.Quintiles);
        Engaged = row.Add();
        EngagedByMode = row.Add(Parameters.Names.Modes.Length);
        HoursSum = row.Add();
        BurntOut = row.Add();
        TrustSum = row.Add();
        Carers = row.Add();
        CarersBurntOut = row.Add();
        ConditionalEngaged = row.Add();
        ConditionalHours = row.Add();
        WellbeingByDomain = row.Add(domains);
        NeedByCell = row.Add(neighbourhoods * domains);
        WellbeingBins = row.Add(Bins);
        Sums = new PartialSums(partitions, row.Width);
        Totals = new double[Sums.Width];
        MeanNeed = new double[neighbourhoods * domains];
    }

    /// <summary>Mean need per (neighbourhood, domain) at the last observation: what public bodies plan with.</summary>
    public readonly double[] MeanNeed;

    public readonly int WellbeingSum, WellbeingByQuintile, CountByQuintile, EngagedByQuintile, Engaged, EngagedByMode, HoursSum, BurntOut, TrustSum,
        Carers, CarersBurntOut, ConditionalEngaged, ConditionalHours, WellbeingByDomain, NeedByCell, WellbeingBins;

    /// <summary>Per-partition rows.</summary>
    public readonly PartialSums Sums;

    /// <summary>The rows summed, after <see cref="Reduce"/>.</summary>
    public readonly double[] Totals;

    /// <summary>Sums the partitions' rows in partition order, and the mean need of each (neighbourhood, domain).</summary>
    public void Reduce(Town town, int domains)
    {
        Sums.ReduceInto(Totals);
        for (int h = 0; h < town.Neighbourhoods; h++)
            for (int d = 0; d < domains; d++)
                MeanNeed[h * domains + d] = Totals[NeedByCell + h * domains + d] / Math.Max(1, town.Population[h]);
    }
}
