using CoProdSim.Model.Population;

namespace CoProdSim.Model.Services;

/// <summary>
/// The services as co-produced each month (docs/odd.md 7.4, 7.5): fit of services to need, citizen input, community
/// groups, output and what citizens perceive of it, and the need and money citizens reveal for planning. Written only
/// by the produce phase (<c>CoProductionModel.Produce.cs</c>); read by the other phases.
/// </summary>
internal sealed class ServiceState
{
    public ServiceState(int neighbourhoods, int domains, double initialFit, double initialExpectedHours)
    {
        int nd = neighbourhoods * domains;
        Fit = new double[nd * Town.Quintiles];
        Array.Fill(Fit, initialFit);
        Output = new double[nd * Town.Quintiles];
        PublicInput = new double[nd * Town.Quintiles];
        CitizenInput = new double[nd];
        Array.Fill(CitizenInput, 1.0);
        CitizenEffort = new double[nd];
        Array.Fill(CitizenEffort, 1.0);
        Visibility = new double[nd];
        ExpressedNeed = new double[nd];
        Donations = new double[nd];
        ManagedHours = new double[nd];
        GroupActive = new bool[nd];
        MeanOthers = new double[neighbourhoods];
        Array.Fill(MeanOthers, initialExpectedHours);
        CoAssessment = new double[neighbourhoods];
        OutputChange = new double[neighbourhoods];
        MeanOutput = new double[neighbourhoods];
        ReliefPerCaringHour = new double[neighbourhoods];
        Perceived = new double[neighbourhoods];
        DesignShare = new double[nd * Town.Quintiles];
    }

    /// <summary>
    /// The service a neighbourhood's residents perceive they get: the resident-weighted mean over quintiles and domains
    /// of fit x service level, as far as news of it has reached them (it moves toward what they get at the perception
    /// rate).
    /// </summary>
    public readonly double[] Perceived;

    /// <summary>Fit of services to need per (neighbourhood, domain, quintile), index <c>(h * D + d) * 5 + q</c>.</summary>
    public readonly double[] Fit;

    /// <summary>Effective public input R = fit x service level per (neighbourhood, domain, quintile): what residents receive of services.</summary>
    public readonly double[] PublicInput;

    /// <summary>Service output Q per (neighbourhood, domain, quintile).</summary>
    public readonly double[] Output;

    /// <summary>Weighted share of each quintile's residents co-designing, averaged over about a year, per (neighbourhood, domain, quintile).</summary>
    public readonly double[] DesignShare;

    /// <summary>Citizen input C per (neighbourhood, domain), in units of everyday co-production at the starting trust.</summary>
    public readonly double[] CitizenInput;

    /// <summary>
    /// Citizens' effort in the service as residents see it, per (neighbourhood, domain), in the units of
    /// <see cref="CitizenInput"/>: everyday co-production plus the effective hours of co-delivery of either sub-type. The
    /// perceived worth of one more hour (7.2) is the marginal product of citizen input at this effort.
    /// </summary>
    public readonly double[] CitizenEffort;

    /// <summary>Share of need the public body sees, per (neighbourhood, domain).</summary>
    public readonly double[] Visibility;

    /// <summary>Need expressed by co-commissioners, averaged over the budget cycle, per (neighbourhood, domain).</summary>
    public readonly double[] ExpressedNeed;

    /// <summary>Donations, averaged over the budget cycle, GBP a month per (neighbourhood, domain).</summary>
    public readonly double[] Donations;

    /// <summary>
    /// Hours of service that co-managing citizens run through their community group, in professional hours, averaged
    /// over months, per (neighbourhood, domain): the public body's professionals need not give them.
    /// </summary>
    public readonly double[] ManagedHours;

    /// <summary>Whether a community group is active per (neighbourhood, domain).</summary>
    public readonly bool[] GroupActive;

    /// <summary>Mean hours engaged residents gave last month, per neighbourhood (what conditional cooperators expect).</summary>
    public readonly double[] MeanOthers;

    /// <summary>Co-assessment strength per neighbourhood, 0..1.</summary>
    public readonly double[] CoAssessment;

    /// <summary>Relative change of mean output since last month, per neighbourhood.</summary>
    public readonly double[] OutputChange;

    /// <summary>Mean output per neighbourhood.</summary>
    public readonly double[] MeanOutput;

    /// <summary>Hours of relief that co-producers give carers, per hour of caring load, per neighbourhood.</summary>
    public readonly double[] ReliefPerCaringHour;

    /// <summary>Active community groups.</summary>
    public int GroupCount;
}
