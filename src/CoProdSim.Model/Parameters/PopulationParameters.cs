namespace CoProdSim.Model.Parameters;

/// <summary>Parameters of the synthetic population (docs/odd.md, section 5), under <c>population:</c>.</summary>
public static class PopulationParameters
{
    /// <summary>The section.</summary>
    public static readonly ParameterSection Section = new("population");

    public static readonly IntegerParameter Citizens = Section.Integer("citizens", 10_000, 10, 50_000_000, "citizens",
        "Number of citizens.", "scenario choice");

    public static readonly IntegerParameter Neighbourhoods = Section.Integer("neighbourhoods", 20, 1, 100_000, "",
        "Number of neighbourhoods, ranked from least to most deprived.", "scenario choice");

    public static readonly RealParameter DeprivationIncomeCorrelation = Section.Real("deprivation_income_correlation", 0.6, 0, 0.99, "",
        "Correlation between neighbourhood deprivation and low income.", "assumption");

    public static readonly RealParameter CarerShare = Section.Real("carer_share", 0.089, 0, 1, "share",
        "Share of citizens who provide unpaid care.", "Census 2021, England and Wales: 8.9% (age-standardised)");

    public static readonly RealParameter CaringLoadScale = Section.Real("caring_load_scale", 1.0, 0, 10, "multiplier",
        "Multiplier on carers' caring hours (1: the Census 2021 bands).", "Census 2021 hours bands; the multiplier is a scenario lever");

    public static readonly RealParameter MeanAvailableHours = Section.Real("mean_available_hours", 20, 0, 200, "hours/month",
        "Mean time available for co-production after work and caring.", "endowment of the public-goods games behind the hour profiles (Jonsson & Jonsson 2025)");

    public static readonly RealParameter ConditionalShare = Section.Real("conditional_share", 0.50, 0, 1, "share",
        "Share of conditional cooperators.", "Fischbacher, Gächter & Fehr 2001: about 50%");

    public static readonly RealParameter FreeRiderShare = Section.Real("free_rider_share", 0.33, 0, 1, "share",
        "Share of free riders; the rest are unconditional cooperators.", "Fischbacher, Gächter & Fehr 2001: about a third");

    public static readonly RealParameter OlderShare = Section.Real("older_share", 0.22, 0, 1, "share",
        "Share of citizens aged 65 and over.", "ONS mid-2021 population estimates: about 22% of adults");

    public static readonly RealParameter FemaleShare = Section.Real("female_share", 0.51, 0, 1, "share",
        "Share of women.", "ONS mid-2021 population estimates: 51%");

    public static readonly IntegerParameter Contacts = Section.Integer("contacts", 6, 0, 100, "contacts",
        "Mean number of social contacts (even: ring-lattice degree).", "assumption");

    public static readonly RealParameter Rewiring = Section.Real("rewiring", 0.1, 0, 1, "share",
        "Share of ties rewired to anyone anywhere (small world).", "Watts & Strogatz 1998 small-world range; value an assumption");
}
