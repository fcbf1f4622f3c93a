namespace CoProdSim.Model.Parameters;

/// <summary>
/// The levers a public body's co-production strategy sets (docs/odd.md, section 7.1). A preset
/// (<see cref="StrategyPresets"/>) is one set of values; a scenario may set any lever by itself.
/// </summary>
public static class StrategyLevers
{
    /// <summary>The section (one per strategy of a scenario).</summary>
    public static readonly ParameterSection Section = new("strategy");

    private const string Lever = "strategy lever (a scenario choice)";

    public static readonly RealParameter BudgetChange = Section.Real("budget_change", 0, -1, 10, "fraction",
        "Relative change of the budget: -0.2 is a 20% cut.", Lever);

    public static readonly RealParameter SupportShare = Section.Real("support_share", 0, 0, 1, "share",
        "Share of the budget spent supporting co-production (coordination, training, recognition, respite, community grants) instead of professional hours.", Lever);

    public static readonly RealParameter Recognition = Section.Real("recognition", 0, 0, 1, "0..1",
        "Intensity of recognition of citizens' inputs, 0 (none) to 1 (systematic thanks, feedback, awards).", Lever);

    public static readonly RealParameter RespiteShare = Section.Real("respite_share", 0, 0, 1, "share of support",
        "Share of the support budget buying respite care for carers.", Lever);

    public static readonly RealParameter InvitationRate = Section.Real("invitation_rate", 0, 0, 1, "probability/month",
        "Monthly probability that a citizen is invited (before targeting weights).", Lever);

    public static readonly ChoiceParameter<Parameters.Targeting> Targeting = Section.Choice("targeting", Parameters.Targeting.Universal,
        [(Parameters.Targeting.Universal, "universal"), (Parameters.Targeting.DeprivedFirst, "deprived-first")],
        "Who invitations reach first.", Lever);

    public static readonly RealParameter CommunityGrants = Section.Real("community_grants", 0, 0, 1, "share of support",
        "Share of the support budget given to community groups as grants, facilities and recognition (outside-in).", Lever);

    public static readonly RealParameter ParticipatoryBudgetShare = Section.Real("participatory_budget_share", 0, 0, 1, "share",
        "Share of the service budget allocated by participatory budgeting (co-prioritisation).", "strategy lever; Porto Alegre allocated about 15%");

    public static readonly RealParameter CoAssessment = Section.Real("co_assessment", 0, 0, 1, "0..1",
        "Strength of co-assessment (tenant inspectors, user ratings).", Lever);

    public static readonly RealParameter Charges = Section.Real("charges", 0, 0, 1, "share of cost",
        "User charges as a share of service cost (co-financing by users).", Lever);

    public static readonly RealParameter CoFinancing = Section.Real("co_financing", 0, 0, 1e4, "GBP/month",
        "Monthly donation of a middle-income co-commissioning participant (co-financing).", Lever);

    public static readonly ChoiceParameter<Parameters.Allocation> Allocation = Section.Choice("allocation", Parameters.Allocation.Population,
        [(Parameters.Allocation.Population, "population"), (Parameters.Allocation.Need, "need")],
        "How the service budget is split over neighbourhoods.", Lever);

    public static readonly RealParameter ChoiceShare = Section.Real("choice_share", 0, 0, 1, "share",
        "Share of the personalisable part of services offered as personal budgets or direct payments (choice; individual co-commissioning), as taken up on average: those with more self-efficacy take up more of it.",
        "strategy lever; personal budgets in English social care (Le Grand 2007; Needham & Carr 2009)");

    public static readonly RealParameter CampaignReach = Section.Real("campaign_reach", 0, 0, 1, "share of residents/month",
        "Share of residents a social-marketing campaign (leaflets, local media, events asking people to take part) reaches each month while it runs; paid from the coordination part of the support budget.", Lever);

    public static readonly IntegerParameter CampaignMonths = Section.Integer("campaign_months", 12, 0, 100_000, "months",
        "Months the social-marketing campaign runs, from month 1.", Lever);

    /// <summary>
    /// Relative weights of the modes an engaging citizen takes up, in <see cref="Names.Modes"/> order. All zero: no active
    /// co-production. <c>co_delivery</c> is co-delivery with its sub-types in equal parts (half co-managing, half
    /// co-performing), for scenarios that do not tell them apart.
    /// </summary>
    public static readonly IReadOnlyList<RealParameter> Modes =
    [
        .. Names.Modes.Select(m => Section.Real("modes." + m, 0, 0, 1000, "weight", ModeDescription(m), Lever)),
    ];

    private static string ModeDescription(string m) => m switch
    {
        "co_delivery" => "Relative weight of co-delivery with its two sub-types in equal parts: half of it is added to co-managing's weight and half to co-performing's.",
        "co_managing" => "Relative weight of co-managing (a sub-type of co-delivery): citizens run part of their neighbourhood's service alongside professionals, through a community group, and their hours take over professional hours.",
        "co_performing" => "Relative weight of co-performing (a sub-type of co-delivery): citizens' own contribution to the service they receive (self-management, following a care plan), which makes it do more for them.",
        _ => $"Relative weight of {m.Replace('_', '-')} among the modes an engaging citizen takes up.",
    };

    /// <summary>What engaging citizens take up, in <see cref="Mode"/> order: co-delivery's weight split evenly between its two sub-types.</summary>
    public static double[] ModeWeights(ParameterValues strategy)
    {
        double delivery = strategy[Modes[2]] / 2;
        return
        [
            strategy[Modes[0]],
            strategy[Modes[1]],
            strategy[Modes[4]] + delivery,
            strategy[Modes[3]],
            strategy[Modes[5]] + delivery,
        ];
    }

    /// <summary>
    /// A copy of <paramref name="strategy"/> with the given mode weights, in <see cref="Names.Modes"/> order (co-commissioning,
    /// co-design, co-delivery, co-assessment, co-managing, co-performing); modes not given get weight 0.
    /// </summary>
    public static ParameterValues WithModes(this ParameterValues strategy, params double[] weights)
    {
        for (int m = 0; m < Modes.Count; m++) strategy = strategy.With(Modes[m], m < weights.Length ? weights[m] : 0);
        return strategy;
    }

    /// <summary>A copy of <paramref name="strategy"/> with the weights of what engaging citizens take up, in <see cref="Mode"/> order (co-delivery by its two sub-types).</summary>
    public static ParameterValues WithActivities(this ParameterValues strategy, double coCommissioning, double coDesign, double coManaging, double coAssessment, double coPerforming) =>
        strategy.WithModes(coCommissioning, coDesign, 0, coAssessment, coManaging, coPerforming);
}

/// <summary>The six strategy presets (docs/odd.md, section 7).</summary>
public static class StrategyPresets
{
    /// <summary>Public provision only: no invitations, no support beyond the everyday baseline of co-production.</summary>
    public static readonly ParameterValues Traditional = StrategyLevers.Section.Defaults;

    /// <summary>Invitations into existing services (co-design, and co-delivery in both sub-types: volunteering alongside staff, self-management), universal targeting, modest support.</summary>
    public static readonly ParameterValues InsideOut = Traditional
        .With(StrategyLevers.InvitationRate, 0.15)
        .With(StrategyLevers.SupportShare, 0.03)
        .With(StrategyLevers.Recognition, 0.4)
        .WithActivities(0, 0.3, 0.35, 0, 0.35);

    /// <summary>Grants, facilities and recognition for community groups, which run part of their neighbourhood's services (co-managing); the need they reveal enters planning.</summary>
    public static readonly ParameterValues OutsideIn = Traditional
        .With(StrategyLevers.InvitationRate, 0.03)
        .With(StrategyLevers.SupportShare, 0.05)
        .With(StrategyLevers.Recognition, 0.6)
        .With(StrategyLevers.CommunityGrants, 0.6)
        .With(StrategyLevers.Allocation, Allocation.Need)
        .WithActivities(0.2, 0, 0.6, 0, 0.2);

    /// <summary>A balanced portfolio of the Four Co's, with participatory budgeting (15%: Porto Alegre), co-assessment and personal budgets for a fifth of what can be personalised (individual co-commissioning).</summary>
    public static readonly ParameterValues FourCos = Traditional
        .With(StrategyLevers.InvitationRate, 0.12)
        .With(StrategyLevers.SupportShare, 0.06)
        .With(StrategyLevers.Recognition, 0.6)
        .With(StrategyLevers.RespiteShare, 0.1)
        .With(StrategyLevers.CommunityGrants, 0.2)
        .With(StrategyLevers.ParticipatoryBudgetShare, 0.15)
        .With(StrategyLevers.CoAssessment, 1)
        .With(StrategyLevers.ChoiceShare, 0.2)
        .With(StrategyLevers.Allocation, Allocation.Need)
        .WithActivities(0.2, 0.2, 0.225, 0.15, 0.225);

    /// <summary>A 20% budget cut, citizens invited to fill the gap (mostly by running services: co-managing), little support or recognition.</summary>
    public static readonly ParameterValues CostCutting = Traditional
        .With(StrategyLevers.BudgetChange, -0.2)
        .With(StrategyLevers.InvitationRate, 0.2)
        .With(StrategyLevers.SupportShare, 0.01)
        .With(StrategyLevers.Recognition, 0.05)
        .WithActivities(0, 0, 0.7, 0, 0.3);

    /// <summary>Four Co's with outreach to the most deprived quintile first, a first-year campaign asking people to take part, and respite for carers.</summary>
    public static readonly ParameterValues EquityTargeted = FourCos
        .With(StrategyLevers.Targeting, Targeting.DeprivedFirst)
        .With(StrategyLevers.CampaignReach, 0.1)
        .With(StrategyLevers.RespiteShare, 0.3)
        .With(StrategyLevers.SupportShare, 0.08);

    /// <summary>Every preset by its file name, in docs/odd.md's order.</summary>
    public static readonly IReadOnlyDictionary<string, ParameterValues> All = new Dictionary<string, ParameterValues>
    {
        ["traditional"] = Traditional,
        ["inside-out"] = InsideOut,
        ["outside-in"] = OutsideIn,
        ["four-cos"] = FourCos,
        ["cost-cutting"] = CostCutting,
        ["equity-targeted"] = EquityTargeted,
    };

    /// <summary>One-line descriptions for <c>coprodsim list</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["traditional"] = "public provision only: no invitations, no support beyond everyday co-production",
        ["inside-out"] = "invitations into existing services (co-delivery, co-design), universal, modest support",
        ["outside-in"] = "grants and recognition for community groups; the need they reveal enters planning",
        ["four-cos"] = "balanced Four Co's: participatory budgeting, personal budgets, co-design, co-delivery, co-assessment",
        ["cost-cutting"] = "20% budget cut, citizens invited to fill the gap, little support or recognition",
        ["equity-targeted"] = "four-cos with outreach to the most deprived first, a first-year campaign and respite for carers",
    };
}
