using CoProdSim.Model.Population;

namespace CoProdSim.Model.Services;

/// <summary>
/// What public bodies decide and do each month (docs/odd.md 7.1): the demand they face, the professional hours they
/// serve within the budget and where, what waits, what it costs, the support, respite and invitations of the
/// strategy, and their professionals' openness to co-production. Written only by the plan phase
/// (<c>CoProductionModel.Plan.cs</c>). Cells are (neighbourhood, domain, income quintile), index <c>(h * D + d) * 5 + q</c>.
/// </summary>
internal sealed class MonthlyPlan
{
    public MonthlyPlan(int neighbourhoods, int domains, int bodies)
    {
        int cells = neighbourhoods * domains * Town.Quintiles;
        Assessed = new double[cells];
        Demand = new double[cells];
        Served = new double[cells];
        Backlog = new double[cells];
        ServiceLevel = new double[cells];
        UnmetShare = new double[cells];
        Provision = new double[neighbourhoods * domains];
        LogEffectiveness = new double[cells];
        SupportMultiplier = new double[domains];
        ChoiceGain = new double[cells];
        HourCostFactor = new double[domains];
        Openness = new double[bodies];
    }

    /// <summary>Assessed need in professional hours: what would meet every resident's need in full.</summary>
    public readonly double[] Assessed;

    /// <summary>Demand expressed this month: assessed need that residents take up (less under charges) plus repeat demand from the waiting list.</summary>
    public readonly double[] Demand;

    /// <summary>Professional hours served.</summary>
    public readonly double[] Served;

    /// <summary>Unmet demand that comes back next month (the waiting list).</summary>
    public readonly double[] Backlog;

    /// <summary>Served over assessed need (1: all need met); with fit, the public input R of production.</summary>
    public readonly double[] ServiceLevel;

    /// <summary>Share of assessed need left unmet, 0..1: it makes need worse.</summary>
    public readonly double[] UnmetShare;

    /// <summary>Served over assessed need per (neighbourhood, domain), index <c>h * D + d</c>: what residents see of public provision.</summary>
    public readonly double[] Provision;

    /// <summary>Log of the perceived marginal product of an hour of citizen input against its baseline, clamped to [-3, 3], per cell.</summary>
    public readonly double[] LogEffectiveness;

    /// <summary>Share of the misfit of services (1 - fit) that choice (personal budgets) removes, averaged over the cell's residents, per cell.</summary>
    public readonly double[] ChoiceGain;

    /// <summary>Cost of an hour of service relative to a professional hour, per domain: 1 plus the administration of the share taken as personal budgets.</summary>
    public readonly double[] HourCostFactor;

    /// <summary>Gain of professional support on an hour of co-delivery, per domain (1 = none).</summary>
    public readonly double[] SupportMultiplier;

    /// <summary>Professionals' openness to co-production, per public body, 0..1.</summary>
    public readonly double[] Openness;

    /// <summary>Monthly probability of an invitation from a public body, per income quintile.</summary>
    public readonly double[] InvitationProbability = new double[Town.Quintiles];

    /// <summary>Share of assessed need each income quintile takes up under the strategy's charges.</summary>
    public readonly double[] Uptake = new double[Town.Quintiles];

    /// <summary>Residents' awareness of the social-marketing campaign, 0..1 (the share who have it in mind).</summary>
    public double CampaignAwareness;

    /// <summary>Grant intensity, 0..1.</summary>
    public double GrantIntensity;

    /// <summary>Respite hours per hour of caring load.</summary>
    public double RespitePerCaringHour;

    /// <summary>Public spending on services, support and invitations, net of charges and donations, GBP a month (replacement care is added by the metrics).</summary>
    public double PublicCost;

    /// <summary>Co-production support, GBP a month.</summary>
    public double SupportSpend;

    /// <summary>Respite bought, hours a month.</summary>
    public double RespiteHours;

    /// <summary>Charges users paid, GBP a month.</summary>
    public double ChargesPaid;

    /// <summary>Donations spent on services, GBP a month.</summary>
    public double DonationsSpent;

    /// <summary>Hours served, all cells: professional hours and hours community groups run (co-managing).</summary>
    public double ServedHours;

    /// <summary>Hours of service community groups ran (co-managing), all cells.</summary>
    public double ManagedServed;

    /// <summary>Assessed need in professional hours, all cells.</summary>
    public double AssessedHours;

    /// <summary>Demand left waiting, hours.</summary>
    public double WaitingHours;

    /// <summary>Unspent budget, GBP a month (demand below capacity).</summary>
    public double Unspent;

    /// <summary>Cost of a paid care hour replacing a burnt-out carer's care, GBP.</summary>
    public double CareHourCost;
}
