namespace CoProdSim.Model.Parameters;

/// <summary>A public body: its name, the domains it serves (empty: all) and its parameter values.</summary>
public sealed record PublicBody(string Name, IReadOnlyList<string> Domains, ParameterValues Values)
{
    /// <summary>A real parameter of this body.</summary>
    public double this[RealParameter p] => Values[p];
}

/// <summary>Parameters of a public body (docs/odd.md, section 7.1), under <c>public_bodies.NAME</c>.</summary>
public static class PublicBodyParameters
{
    /// <summary>The section.</summary>
    public static readonly ParameterSection Section = new("public_bodies");

    public static readonly RealParameter BudgetPerCitizen = Section.Real("budget_per_citizen", 120, 0, 1e6, "GBP/month per citizen",
        "Monthly budget per resident before the strategy's budget change.", "assumption");

    public static readonly RealParameter HourCost = Section.Real("hour_cost", 40, 0, 1e4, "GBP/hour",
        "Full cost of a professional hour.", "PSSRU-based social worker unit costs, about 40-55 GBP an hour (approximate)", minExclusive: true);

    public static readonly RealParameter RespiteHourCost = Section.Real("respite_hour_cost", 10, 0, 1e4, "GBP/hour",
        "Cost of relieving a carer for an hour (shared day-centre or sitting-service place).", "assumption", minExclusive: true);

    public static readonly RealParameter CareHourCost = Section.Real("care_hour_cost", 19.01, 0, 1e4, "GBP/hour",
        "Cost of an hour of paid home care that replaces a burnt-out carer's care.",
        "average fee councils paid for home care, England, after April 2022 (Homecare Association)", minExclusive: true);

    public static readonly RealParameter Responsiveness = Section.Real("responsiveness", 0.5, 0, 1, "share",
        "Share of a domain's unused service hours the body moves each month to the neighbourhoods where demand waits.",
        "assumption");

    public static readonly RealParameter Openness = Section.Real("openness", 0.5, 0, 1, "0..1",
        "Professionals' openness to co-production at the start: it scales their invitations and how well their support works.",
        "officials' attitudes are a main obstacle to co-production (Voorberg et al. 2015; Ianniello et al. 2018); level an assumption");

    public static readonly RealParameter InvitationHours = Section.Real("invitation_hours", 0.25, 0, 100, "hours",
        "Professional time an invitation to co-produce takes, paid from the co-production support budget.", "assumption");

    public static readonly RealParameter CampaignContactCost = Section.Real("campaign_contact_cost", 1.0, 0, 1e4, "GBP per resident reached",
        "Cost of reaching one resident for a month with a social-marketing campaign, paid from the co-production support budget.", "assumption");

    /// <summary>A body named <paramref name="name"/> serving every domain, every parameter at its default.</summary>
    public static PublicBody Named(string name) => new(name, [], Section.Defaults);

    /// <summary>The default: one council serving every domain.</summary>
    public static readonly PublicBody Council = Named("council");
}
