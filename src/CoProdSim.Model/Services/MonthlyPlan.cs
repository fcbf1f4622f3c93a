using CoProdSim.Model.Population;

namespace CoProdSim.Model.Services;

/// <summary>
/// What public bodies decide each month (docs/odd.md 7.1): professional provision per neighbourhood and domain, the
/// perceived effectiveness of citizen input it implies, and the support, respite, invitations and charges of the
/// strategy. Written only by the plan phase (<c>CoProductionModel.Plan.cs</c>).
/// </summary>
internal sealed class MonthlyPlan(int neighbourhoods, int domains)
{
    /// <summary>Professional hours per resident relative to the baseline, per (neighbourhood, domain), index <c>h * D + d</c>.</summary>
    public readonly double[] Provision = new double[neighbourhoods * domains];

    /// <summary>
    /// Log of the marginal product of citizen input against its baseline, clamped to [-3, 3], per
    /// (neighbourhood, domain, quintile), index <c>(h * D + d) * 5 + q</c>.
    /// </summary>
    public readonly double[] LogEffectiveness = new double[neighbourhoods * domains * Town.Quintiles];

    /// <summary>Monthly probability of an invitation from the public body, per income quintile.</summary>
    public readonly double[] InvitationProbability = new double[Town.Quintiles];

    /// <summary>Share of services each income quintile still uses under the strategy's charges.</summary>
    public readonly double[] Uptake = new double[Town.Quintiles];

    /// <summary>Gain of coordination and training on an hour of co-delivery (1 = none).</summary>
    public double SupportMultiplier;

    /// <summary>Grant intensity, 0..1.</summary>
    public double GrantIntensity;

    /// <summary>Respite hours per hour of caring load.</summary>
    public double RespitePerCaringHour;

    /// <summary>Public spending net of user charges, GBP a month.</summary>
    public double PublicCost;

    /// <summary>Co-production support, GBP a month.</summary>
    public double SupportSpend;

    /// <summary>Respite bought, hours a month.</summary>
    public double RespiteHours;
}
