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
        ManagingEffectiveHours = cell.Add();
        ManagingHours = cell.Add();
        ManagingCount = cell.Add();
        PerformingCount = cell.Add();
        PerformingEffectiveHours = cell.Add();
        CommunityEffectiveHours = cell.Add();
        CommunityHours = cell.Add();
        CommunityCount = cell.Add();
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
    public readonly int ManagingEffectiveHours, ManagingHours, ManagingCount, PerformingCount, PerformingEffectiveHours, CommunityEffectiveHours, CommunityHours, CommunityCount, CommissionCount, ExpressedNeed, Donations, DesignByQuintile, PerCell;

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
/// outcomes phase (and the initial observation); read by the plan (need) and the metrics.
/// </summary>
internal sealed class Observations
{
    /// <summary>Gini from a 1000-bin histogram of well-being: exact to 0.001, and O(1) memory per partition.</summary>
    public const int Bins = 1000;

    /// <summary>Yearly co-production hours are binned in 2-hour bins up to 1,200 hours, for the share given by the most active third.</summary>
    public const int HourBins = 600;

    /// <summary>Width of a yearly-hours bin, hours.</summary>
    public const double HourBinWidth = 2;

    public Observations(int neighbourhoods, int domains, int partitions)
    {
        var row = new SlotLayout();
        WellbeingSum = row.Add();
        WellbeingByQuintile = row.Add(Town.Quintiles);
        CountByQuintile = row.Add(Town.Quintiles);
        EngagedByQuintile = row.Add(Town.Quintiles);
        Engaged = row.Add();
        EngagedByMode = row.Add(Parameters.Names.Activities.Length);
        HoursSum = row.Add();
        BurntOut = row.Add();
        TrustSum = row.Add();
        Carers = row.Add();
        CarersBurntOut = row.Add();
        CarerWellbeing = row.Add();
        ReplacementHours = row.Add();
        ConditionalEngaged = row.Add();
        ConditionalHours = row.Add();
        Older = row.Add();
        EngagedOlder = row.Add();
        EngagedYear = row.Add();
        CountByDeprivation = row.Add(Town.Quintiles);
        EngagedByDeprivation = row.Add(Town.Quintiles);
        Utility = row.Add();
        HoursYearSum = row.Add();
        WellbeingByDomain = row.Add(domains);
        NeedByCell = row.Add(neighbourhoods * domains * Town.Quintiles);
        TrustByHood = row.Add(neighbourhoods);
        WellbeingBins = row.Add(Bins);
        HoursYearBins = row.Add(HourBins);
        Sums = new PartialSums(partitions, row.Width);
        Totals = new double[Sums.Width];
        MeanNeed = new double[neighbourhoods * domains];
        MeanTrust = new double[neighbourhoods];
    }

    /// <summary>Mean need per (neighbourhood, domain) at the last observation: what public bodies plan with.</summary>
    public readonly double[] MeanNeed;

    /// <summary>Mean trust per neighbourhood at the last observation.</summary>
    public readonly double[] MeanTrust;

    public readonly int WellbeingSum, WellbeingByQuintile, CountByQuintile, EngagedByQuintile, Engaged, EngagedByMode, HoursSum, BurntOut, TrustSum,
        Carers, CarersBurntOut, CarerWellbeing, ReplacementHours, ConditionalEngaged, ConditionalHours, Older, EngagedOlder, EngagedYear,
        CountByDeprivation, EngagedByDeprivation, Utility, HoursYearSum, WellbeingByDomain, NeedByCell, TrustByHood, WellbeingBins, HoursYearBins;

    /// <summary>Per-partition rows.</summary>
    public readonly PartialSums Sums;

    /// <summary>The rows summed, after <see cref="Reduce"/>.</summary>
    public readonly double[] Totals;

    /// <summary>Sums the partitions' rows in partition order; mean need per (neighbourhood, domain) and mean trust per neighbourhood.</summary>
    public void Reduce(Town town, int domains)
    {
        Sums.ReduceInto(Totals);
        for (int h = 0; h < town.Neighbourhoods; h++)
        {
            double residents = Math.Max(1, town.Population[h]);
            for (int d = 0; d < domains; d++)
            {
                double need = 0;
                int cell = NeedByCell + (h * domains + d) * Town.Quintiles;
                for (int q = 0; q < Town.Quintiles; q++) need += Totals[cell + q];
                MeanNeed[h * domains + d] = need / residents;
            }
            MeanTrust[h] = Totals[TrustByHood + h] / residents;
        }
    }

    /// <summary>Share of all co-production hours of the last year given by the most active third of citizens (the civic core), from the histogram.</summary>
    public double TopThirdHoursShare(int citizens)
    {
        double total = Totals[HoursYearSum];
        if (total <= 0) return double.NaN;
        double third = citizens / 3.0, counted = 0, hours = 0;
        for (int k = HourBins - 1; k >= 0 && counted < third; k--)
        {
            double n = Totals[HoursYearBins + k];
            if (n <= 0) continue;
            double take = Math.Min(n, third - counted);
            hours += take * (k + 0.5) * HourBinWidth;
            counted += take;
        }
        return Math.Min(1, hours / total);
    }
}
