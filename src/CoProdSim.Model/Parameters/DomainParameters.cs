namespace CoProdSim.Model.Parameters;

/// <summary>A service domain: its name (used in files and column names) and its parameter values.</summary>
public sealed record Domain(string Name, ParameterValues Values)
{
    /// <summary>A real parameter of this domain.</summary>
    public double this[RealParameter p] => Values[p];
}

/// <summary>Parameters of a service domain and its production function (docs/odd.md, section 7.5), under <c>domains.NAME</c>.</summary>
public static class DomainParameters
{
    /// <summary>The section.</summary>
    public static readonly ParameterSection Section = new("domains");

    public static readonly RealParameter Sigma = Section.Real("sigma", 0.5, 0.01, 1e9, "",
        "Elasticity of substitution between public and citizen input (0.5 care and education; 5 simple tasks).",
        "assumption (Parks et al. 1981 name the cases, not the values): sweep it");

    public static readonly RealParameter Alpha = Section.Real("alpha", 0.6, 0, 1, "",
        "CES weight of public input.", "assumption", minExclusive: true);

    public static readonly RealParameter Productivity = Section.Real("productivity", 1.0, 0, 100, "",
        "CES total factor productivity A.", "normalisation: output 1 at baseline inputs and full fit", minExclusive: true);

    public static readonly RealParameter CitizenBase = Section.Real("citizen_base", 2.0, 0, 200, "hours/month per citizen",
        "Everyday co-production (compliance, self-care) present without any strategy.", "assumption", minExclusive: true);

    public static readonly RealParameter Need = Section.Real("need", 0.4, 0, 1, "0..1",
        "Mean need of a citizen in an average neighbourhood.", "assumption");

    public static readonly RealParameter Incidence = Section.Real("incidence", 0.01, 0, 1, "probability/month",
        "Probability of a harmful event a month at average risk behaviour.", "assumption");

    public static readonly RealParameter BudgetWeight = Section.Real("budget_weight", 1.0, 0, 1000, "",
        "Relative share of a public body's service budget spent in this domain.", "assumption");

    public static readonly RealParameter HoursPerNeed = Section.Real("hours_per_need", 1.8, 0, 1000, "professional hours/month per unit of need",
        "Professional hours a month that fully meet one unit of assessed need (need 1 for a month); demand is need times this.",
        "assumption, calibrated so that the default budget meets about 90% of assessed need");

    public static readonly RealParameter CarerRelief = Section.Real("carer_relief", 0, 0, 1, "share",
        "Share of co-delivery hours in this domain that relieve carers in the neighbourhood (sitting services, befriending, peer support).",
        "assumption: such volunteer roles are common in adult social care; share not measured");

    public static readonly RealParameter Personalisable = Section.Real("personalisable", 0, 0, 1, "share",
        "Share of the domain's service that can be offered as a personal budget or direct payment (choice).",
        "assumption: personal budgets are the rule in adult social care and personal health budgets exist in health (health_care 1); education has SEND personal budgets for a part (0.3); safety and public spaces are not personalised (0)");

    /// <summary>A domain named <paramref name="name"/> with every parameter at the section's default.</summary>
    public static Domain Named(string name) => new(name, Section.Defaults);

    /// <summary>The four default domains: sigma 0.5 where co-delivery complements professionals (care, education), 5 for simple substitutable tasks.</summary>
    public static readonly IReadOnlyList<Domain> Defaults =
    [
        Of("health_care", sigma: 0.5, alpha: 0.6, need: 0.5, citizenBase: 2.0, incidence: 0.02, budgetWeight: 1.5, hoursPerNeed: 1.8, carerRelief: 0.3, personalisable: 1),
        Of("community_safety", sigma: 5, alpha: 0.5, need: 0.35, citizenBase: 1.5, incidence: 0.01, budgetWeight: 0.8, hoursPerNeed: 1.4),
        Of("environment", sigma: 5, alpha: 0.4, need: 0.3, citizenBase: 1.5, incidence: 0.005, budgetWeight: 0.5, hoursPerNeed: 1.0),
        Of("education", sigma: 0.5, alpha: 0.6, need: 0.4, citizenBase: 2.0, incidence: 0.005, budgetWeight: 1.2, hoursPerNeed: 1.8, personalisable: 0.3),
    ];

    private static Domain Of(string name, double sigma, double alpha, double need, double citizenBase, double incidence, double budgetWeight, double hoursPerNeed, double carerRelief = 0, double personalisable = 0) =>
        new(name, Section.Defaults.With(Sigma, sigma).With(Alpha, alpha).With(Need, need).With(CitizenBase, citizenBase)
            .With(Incidence, incidence).With(BudgetWeight, budgetWeight).With(HoursPerNeed, hoursPerNeed).With(CarerRelief, carerRelief).With(Personalisable, personalisable));
}
